import { formatDate } from "@/lib/format";
import type { listCommissionChanges } from "@/lib/commissions/list-commission-changes";

type Changes = Awaited<ReturnType<typeof listCommissionChanges>>;

/** The audit trail of the ledger and its rules: who did what, when. */
export function CommissionChanges({ changes }: { changes: Changes }) {
  if (changes.length === 0) {
    return <p className="text-sm text-slate-600">No changes yet.</p>;
  }
  return (
    <ol className="divide-y divide-slate-100 rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200">
      {changes.map((change) => (
        <li key={change.id} className="space-y-0.5 px-4 py-3" data-testid="audit-entry">
          <p className="break-words text-slate-800">{change.description}</p>
          <p className="break-all text-xs text-slate-500">
            {change.actorEmail} ·{" "}
            <time dateTime={change.createdAt.toISOString()}>{formatDate(change.createdAt)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
