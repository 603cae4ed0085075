import Link from "next/link";
import { CommissionStatusBadge } from "@/components/commissions/commission-status-badge";
import { SelfReferralFlag } from "@/components/commissions/self-referral-flag";
import { Table, Td, Th } from "@/components/ui/table";
import type { AdminCommissionRow } from "@/lib/commissions/list-commissions-for-admin";
import { formatDate, formatMoney } from "@/lib/format";

/**
 * Every referrer's entries, newest first. Earned entries have a checkbox named `commissionIds`,
 * so the table sits inside the Mark paid form and the selection is sent with it.
 */
export function CommissionsTable({ entries }: { entries: AdminCommissionRow[] }) {
  if (entries.length === 0) {
    return <p className="text-sm text-slate-600">No commission entries match these filters.</p>;
  }
  return (
    <Table label="Commission entries">
      <thead className="bg-slate-50">
        <tr>
          <Th>
            <span className="sr-only">Select</span>
          </Th>
          <Th>Created</Th>
          <Th>Referrer</Th>
          <Th>Buyer · offering</Th>
          <Th>Level</Th>
          <Th>Amount</Th>
          <Th>Status</Th>
          <Th>Payout</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((entry) => {
          const amount = formatMoney(entry.amount, entry.currency);
          return (
            <tr key={entry.id} data-testid="commission-row" data-status={entry.shownStatus}>
              <Td>
                {entry.shownStatus === "earned" ? (
                  <input
                    type="checkbox"
                    name="commissionIds"
                    value={entry.id}
                    aria-label={`Select ${amount} for ${entry.referrerEmail}`}
                    className="h-4 w-4 rounded border-slate-300 text-indigo-600"
                  />
                ) : null}
              </Td>
              <Td>{formatDate(entry.createdAt)}</Td>
              <Td>
                <Link
                  href={`/admin/users/${entry.referrerId}`}
                  className="text-indigo-700 hover:underline"
                >
                  {entry.referrerEmail}
                </Link>
              </Td>
              <Td>
                <Link
                  href={`/admin/users/${entry.buyerId}`}
                  className="text-indigo-700 hover:underline"
                >
                  {entry.buyerEmail}
                </Link>
                <span className="block text-xs text-slate-500">
                  {entry.offeringName}
                  {entry.kind === "ADJUSTMENT" ? " · refund adjustment" : ""}
                </span>
              </Td>
              <Td>
                {entry.level}
                <span className="block whitespace-nowrap text-xs text-slate-500">
                  {entry.rateBps} bps
                </span>
              </Td>
              <Td>
                <span className="whitespace-nowrap">{amount}</span>
              </Td>
              <Td>
                <CommissionStatusBadge status={entry.shownStatus} />
                <SelfReferralFlag flags={entry.reviewFlags} approved={entry.approvedAt !== null} />
              </Td>
              <Td>{entry.payoutReference ?? "—"}</Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
