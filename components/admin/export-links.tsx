const linkClass =
  "inline-flex items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

export type ExportLink = { href: string; label: string };

/**
 * Plain links, not next/link: a CSV comes from a route handler as a download, which the
 * client-side router must not try to render.
 */
export function ExportLinks({ links }: { links: ExportLink[] }) {
  return (
    <p className="flex flex-wrap gap-3">
      {links.map((link) => (
        <a key={link.href} href={link.href} download className={linkClass}>
          {link.label}
        </a>
      ))}
    </p>
  );
}
