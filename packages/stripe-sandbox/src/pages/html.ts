/**
 * HTML building blocks for the sandbox pages: escaping (every value that came from an API
 * caller or a visitor goes through it), safe JSON for inline scripts, and the page layout with
 * its inline CSS (the pages load nothing from anywhere).
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? "").replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** JSON that cannot close the `<script>` element it sits in. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const STYLES = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1f36; background: #f6f8fa; }
  body.embedded { background: #fff; }
  main { max-width: 440px; margin: 32px auto; padding: 24px; background: #fff; border-radius: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  body.embedded main { margin: 0 auto; box-shadow: none; }
  .badge { display: inline-block; font-size: 12px; font-weight: 600; color: #a04100; background: #ffde92; border-radius: 4px; padding: 1px 6px; }
  h1 { font-size: 20px; margin: 8px 0 16px; }
  ul.items { list-style: none; padding: 0; margin: 0 0 8px; }
  ul.items li, .total, .subtotal, .discount { display: flex; justify-content: space-between; gap: 12px; padding: 4px 0; }
  .total { border-top: 1px solid #e3e8ee; margin-top: 8px; padding-top: 12px; font-weight: 600; }
  form { margin-top: 20px; display: grid; gap: 12px; }
  fieldset { border: 1px solid #e3e8ee; border-radius: 8px; padding: 12px; display: grid; gap: 10px; margin: 0; }
  legend { font-weight: 600; padding: 0 4px; }
  label { display: grid; gap: 4px; font-size: 13px; color: #3c4257; }
  input { font: inherit; padding: 9px 10px; border: 1px solid #cfd7df; border-radius: 6px; width: 100%; }
  input:focus { outline: 2px solid #635bff; outline-offset: 0; }
  .row { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
  button { font: inherit; font-weight: 600; padding: 10px; border: 0; border-radius: 6px; color: #fff; background: #635bff; cursor: pointer; }
  button:disabled { opacity: .6; cursor: progress; }
  details { border: 1px solid #e3e8ee; border-radius: 8px; padding: 10px 12px; }
  details[open] { display: grid; gap: 10px; }
  summary { cursor: pointer; font-weight: 600; }
  .error { color: #df1b41; background: #fff0f3; border-radius: 6px; padding: 8px 10px; }
  .error:empty { display: none; }
  .hint { font-size: 12px; color: #697386; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th, td { text-align: left; padding: 6px 4px; border-bottom: 1px solid #e3e8ee; }
  a { color: #635bff; }
  h2 { font-size: 16px; margin: 20px 0 8px; }
  h3 { font-size: 15px; margin: 0 0 4px; }
  p { margin: 4px 0; }
  .notice { color: #0a6b3d; background: #e6f7ee; border-radius: 6px; padding: 8px 10px; }
  section.subscription { border: 1px solid #e3e8ee; border-radius: 8px; padding: 10px 12px; margin-bottom: 12px; }
  .actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
  form.inline { margin: 0; display: inline; }
  button.secondary { color: #3c4257; background: #e3e8ee; }
`;

export function layout(title: string, content: string, options: { embedded?: boolean } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body${options.embedded ? ' class="embedded"' : ""}>
<main>
<span class="badge">Stripe sandbox · test mode</span>
${content}
</main>
</body>
</html>`;
}

export function messagePage(
  title: string,
  message: string,
  link?: { href: string; label: string },
) {
  const linkHtml = link
    ? `<p><a href="${escapeHtml(link.href)}" target="_top">${escapeHtml(link.label)}</a></p>`
    : "";
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${linkHtml}`);
}
