import Link from "next/link";
import type { SearchHit, SearchHitKind } from "@/lib/admin/search";

const kindLabels: Record<SearchHitKind, string> = {
  user: "User",
  purchase: "Purchase",
  order: "Order",
  subscription: "Subscription",
  event: "Event",
  unclaimed: "Unclaimed payment",
};

/** What the admin search found, each with the page that shows it. */
export function SearchResults({ hits }: { hits: SearchHit[] }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      {hits.map((hit) => (
        <li key={`${hit.kind}:${hit.id}`} data-testid="search-result" className="px-4 py-3">
          <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
              {kindLabels[hit.kind]}
            </span>
            {hit.href ? (
              <Link
                href={hit.href}
                className="break-all font-medium text-indigo-700 hover:underline"
              >
                {hit.title}
              </Link>
            ) : (
              <span className="break-all font-medium text-slate-900">{hit.title}</span>
            )}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {hit.detail} · matched {hit.matched}
          </p>
        </li>
      ))}
    </ul>
  );
}
