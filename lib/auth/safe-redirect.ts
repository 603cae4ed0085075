/**
 * Where Auth.js may send the browser after signing in or out: a path or a URL of this app, and
 * the app's origin for anything else, a malformed URL included (from `callbackUrl` or the
 * callback-url cookie). Auth.js's default throws `TypeError: Invalid URL` on those.
 */
export function safeRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\"))
    return `${baseUrl}${url}`;
  try {
    return new URL(url).origin === baseUrl ? url : baseUrl;
  } catch {
    return baseUrl;
  }
}
