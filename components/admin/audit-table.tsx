import Link from "next/link";
import type { AuditEntryRow } from "@/lib/admin/list-audit-entries";
import { formatDate } from "@/lib/format";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** The admin page of an entry's subject: an offering, a webhook event, or a user. */
const subjectPages: Array<[prefix: string, page: string]> = [
  ["offering.", "/admin/offerings"],
  ["event.", "/admin/events"],
  ["access.", "/admin/users"],
];

function subjectHref(entry: AuditEntryRow): string | null {
  if (!entry.subject) return null;
  const match = subjectPages.find(([prefix]) => entry.action.startsWith(prefix));
  return match ? `${match[1]}/${encodeURIComponent(entry.subject)}` : null;
}

const headers = ["When", "Who", "Action", "Subject", "Details"] as const;

// Below `sm` each row is a card of labelled lines (a 5-column table does not fit 390 px);
// from `sm` up it is an ordinary table. The labels are the column headers, for everyone.
const cell =
  "flex gap-2 px-4 py-1 align-top text-slate-700 sm:table-cell sm:py-3 before:w-16 before:shrink-0 before:font-medium before:text-slate-500 before:content-[attr(data-label)] sm:before:content-none";

/** Admin actions, newest first: who, what, on which subject, and when. */
export function AuditTable({ entries }: { entries: AuditEntryRow[] }) {
  if (entries.length === 0)
    return <p className="text-sm text-slate-600">No admin actions recorded here yet.</p>;
  return (
    <ScrollRegion label="Audit log" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="block min-w-full text-sm sm:table">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="hidden bg-slate-50 sm:table-header-group">
          <tr>
            {headers.map((header) => (
              <th
                key={header}
                scope="col"
                className="px-4 py-3 text-left font-semibold text-slate-700"
              >
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-100 sm:table-row-group">
          {entries.map((entry) => {
            const href = subjectHref(entry);
            return (
              <tr
                key={entry.id}
                data-testid="audit-row"
                data-action={entry.action}
                className="block py-2 sm:table-row sm:py-0"
              >
                <td data-label="When" className={cell}>
                  <span className="whitespace-nowrap">{formatDate(entry.createdAt)}</span>
                </td>
                <td data-label="Who" className={cell}>
                  <span className="wrap-break-word">
                    {entry.actorEmail ?? <span className="text-slate-500">(deleted user)</span>}
                  </span>
                </td>
                <td data-label="Action" className={cell}>
                  <code className="text-xs">{entry.action}</code>
                </td>
                <td data-label="Subject" className={cell}>
                  {href ? (
                    <Link href={href} className="wrap-anywhere text-indigo-700 hover:underline">
                      {entry.subject}
                    </Link>
                  ) : (
                    <span className="wrap-anywhere">{entry.subject ?? "—"}</span>
                  )}
                </td>
                <td data-label="Details" className={cell}>
                  <span className="sm:block sm:min-w-48">{entry.description}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
