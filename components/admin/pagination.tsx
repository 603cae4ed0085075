import { ButtonLink } from "@/components/ui/button";

type PaginationProps = { basePath: string; page: number; pageSize: number; total: number };

/** Previous / next links for a list paged with ?page=. */
export function Pagination({ basePath, page, pageSize, total }: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>
        Page {page} of {pageCount} · {total} in all
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <ButtonLink variant="secondary" href={`${basePath}?page=${Math.min(page - 1, pageCount)}`}>
            Previous
          </ButtonLink>
        ) : null}
        {page < pageCount ? (
          <ButtonLink variant="secondary" href={`${basePath}?page=${page + 1}`}>
            Next
          </ButtonLink>
        ) : null}
      </span>
    </nav>
  );
}
