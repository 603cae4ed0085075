import { ledgerStatusLabels, type LedgerStatus } from "@/lib/commissions/ledger-status";

const tones: Record<LedgerStatus, string> = {
  pending: "bg-amber-100 text-amber-800",
  earned: "bg-sky-100 text-sky-800",
  paid: "bg-emerald-100 text-emerald-800",
  reversed: "bg-slate-200 text-slate-700",
};

/** Pending / Earned / Paid / Reversed, as the ledger shows it. */
export function CommissionStatusBadge({ status }: { status: LedgerStatus }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${tones[status]}`}>
      {ledgerStatusLabels[status]}
    </span>
  );
}
