import { CommissionStatusBadge } from "@/components/commissions/commission-status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { UserCommissionRow } from "@/lib/commissions/list-user-commissions";
import { formatDate, formatMoney } from "@/lib/format";

/** A referrer's commission entries, newest first. */
export function ReferralEntriesTable({ entries }: { entries: UserCommissionRow[] }) {
  if (entries.length === 0) {
    return <p className="text-sm text-slate-600">No commissions yet.</p>;
  }
  return (
    <Table label="Referral commissions">
      <thead className="bg-slate-50">
        <tr>
          <Th>Offering</Th>
          <Th>Level</Th>
          <Th>Amount</Th>
          <Th>Status</Th>
          <Th>Date</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((entry) => (
          <tr key={entry.id} data-testid="commission-row">
            <Td>
              {entry.offeringName}
              {entry.kind === "ADJUSTMENT" ? (
                <span className="block text-xs text-slate-500">Refund adjustment</span>
              ) : null}
            </Td>
            <Td>{entry.level}</Td>
            <Td>
              <span className="whitespace-nowrap">{formatMoney(entry.amount, entry.currency)}</span>
            </Td>
            <Td>
              <CommissionStatusBadge status={entry.shownStatus} />
            </Td>
            <Td>
              <span className="whitespace-nowrap">{formatDate(entry.createdAt)}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
