import { ButtonLink } from "@/components/ui/button";

/** basePath ends in "?" or "&" when it carries a query already; a bare path gets "?". */
type PaginationProps = { basePath: string; page: number; pageSize: number; total: number };

function pageHref(basePath: string, page: number): string {
  const separator = basePath.endsWith("?") || basePath.endsWith("&") ? "" : "?";
  return `${basePath}${separator}page=${page}`;
}

/** Previous / next links for a list paged with ?page=. */
export function Pagination({ basePath, page, pageSize, total }: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav
      aria-label="Pagination"
      className="mt-4 flex items-center justify-between text-sm text-slate-600"
    >
      <span>
        Page {page} of {pageCount} · {total} in all
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <ButtonLink variant="secondary" href={pageHref(basePath, Math.min(page - 1, pageCount))}>
            Previous
          </ButtonLink>
        ) : null}
        {page < pageCount ? (
          <ButtonLink variant="secondary" href={pageHref(basePath, page + 1)}>
            Next
          </ButtonLink>
        ) : null}
      </span>
    </nav>
  );
}
