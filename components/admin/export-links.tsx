const linkClass =
  "inline-flex items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

/**
 * Plain links, not next/link: a CSV comes from a route handler as a download, which the
 * client-side router must not try to render.
 */
export function ExportLinks({
  entriesHref,
  payoutsHref,
}: {
  entriesHref: string;
  payoutsHref: string;
}) {
  return (
    <p className="flex flex-wrap gap-3">
      <a href={entriesHref} download className={linkClass}>
        Export entries (CSV)
      </a>
      <a href={payoutsHref} download className={linkClass}>
        Export payouts (CSV)
      </a>
    </p>
  );
}
