import { ApproveCommissionForm } from "@/components/admin/approve-commission-form";
import { SelfReferralFlag } from "@/components/commissions/self-referral-flag";
import { Table, Td, Th } from "@/components/ui/table";
import type { HeldCommissionRow } from "@/lib/commissions/list-held-commissions";
import { formatDate, formatMoney } from "@/lib/format";
import type { FormAction } from "@/lib/http/action-state";

/**
 * Entries held as possible self-referrals: they stay pending, whatever their age, until an
 * admin approves them here (or a refund reverses them).
 */
export function HeldCommissions({
  entries,
  total,
  approveAction,
}: {
  entries: HeldCommissionRow[];
  total: number;
  approveAction: FormAction;
}) {
  if (entries.length === 0) {
    return <p className="text-sm text-slate-600">No entries are held for review.</p>;
  }
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        {total} {total === 1 ? "entry is" : "entries are"} held: the buyer and the referrer look
        like one person. Approve an entry only when you know they are not.
      </p>
      <Table label="Commissions held for review">
        <thead className="bg-slate-50">
          <tr>
            <Th>Created</Th>
            <Th>Referrer</Th>
            <Th>Buyer · offering</Th>
            <Th>Amount</Th>
            <Th>
              <span className="sr-only">Approve</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => {
            const amount = formatMoney(entry.amount, entry.currency);
            return (
              <tr key={entry.id} data-testid="held-commission-row">
                <Td>{formatDate(entry.createdAt)}</Td>
                <Td>{entry.referrerEmail}</Td>
                <Td>
                  {entry.buyerEmail}
                  <span className="block text-xs text-slate-500">
                    {entry.offeringName} · level {entry.level}
                  </span>
                  <SelfReferralFlag flags={entry.reviewFlags} approved={false} />
                </Td>
                <Td>
                  <span className="whitespace-nowrap">{amount}</span>
                </Td>
                <Td>
                  <ApproveCommissionForm
                    action={approveAction}
                    commissionId={entry.id}
                    label={`Approve ${amount} for ${entry.referrerEmail}`}
                  />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
