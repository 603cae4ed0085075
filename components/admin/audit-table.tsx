import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { AuditEntryRow } from "@/lib/admin/list-audit-entries";
import { formatDate } from "@/lib/format";

/** Where an entry's subject can be opened: offerings have a page of their own. */
function subjectHref(entry: AuditEntryRow): string | null {
  if (!entry.subject) return null;
  if (entry.action.startsWith("offering.")) return `/admin/offerings/${entry.subject}`;
  return null;
}

/** Admin actions, newest first: who, what, on which subject, and when. */
export function AuditTable({ entries }: { entries: AuditEntryRow[] }) {
  if (entries.length === 0)
    return <p className="text-sm text-slate-600">No admin actions recorded here yet.</p>;
  return (
    <Table>
      <caption className="sr-only">Audit log, newest first</caption>
      <thead className="bg-slate-50">
        <tr>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>Action</Th>
          <Th>Subject</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((entry) => {
          const href = subjectHref(entry);
          return (
            <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
              <Td>
                <span className="whitespace-nowrap">{formatDate(entry.createdAt)}</span>
              </Td>
              <Td>{entry.actorEmail ?? <span className="text-slate-500">(deleted user)</span>}</Td>
              <Td>
                <code className="whitespace-nowrap text-xs">{entry.action}</code>
              </Td>
              <Td>
                {href ? (
                  <Link href={href} className="break-all text-indigo-700 hover:underline">
                    {entry.subject}
                  </Link>
                ) : (
                  <span className="break-all">{entry.subject ?? "—"}</span>
                )}
              </Td>
              <Td>
                <span className="block min-w-48">{entry.description}</span>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
