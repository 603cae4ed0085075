import { ButtonLink } from "@/components/ui/button";
import type { CappedCount } from "@/lib/http/keyset-paging";

/** basePath ends in "?" or "&" when it carries a query already; a bare path gets "?". */
type KeysetPaginationProps = {
  basePath: string;
  next: string | null;
  previous: string | null;
  total: CappedCount;
};

function pageHref(basePath: string, key: "after" | "before", cursor: string): string {
  const separator = basePath.endsWith("?") || basePath.endsWith("&") ? "" : "?";
  return `${basePath}${separator}${key}=${encodeURIComponent(cursor)}`;
}

/**
 * Newer / older links for a list paged by cursor (lib/http/keyset-paging.ts), and how many rows
 * the filter matches, counted up to a cap so that a million rows cost no more than ten thousand.
 */
export function KeysetPagination({ basePath, next, previous, total }: KeysetPaginationProps) {
  const first = basePath.replace(/[?&]$/, "");
  return (
    <nav
      aria-label="Pagination"
      className="mt-4 flex items-center justify-between text-sm text-slate-600"
    >
      <span>
        {total.capped
          ? `More than ${total.count.toLocaleString("en-US")} in all`
          : `${total.count.toLocaleString("en-US")} in all`}
      </span>
      <span className="flex gap-2">
        {previous ? (
          <>
            <ButtonLink variant="secondary" href={first}>
              Newest
            </ButtonLink>
            <ButtonLink variant="secondary" href={pageHref(basePath, "before", previous)}>
              Previous
            </ButtonLink>
          </>
        ) : null}
        {next ? (
          <ButtonLink variant="secondary" href={pageHref(basePath, "after", next)}>
            Next
          </ButtonLink>
        ) : null}
      </span>
    </nav>
  );
}
