import { Table, Td, Th } from "@/components/ui/table";
import type { CommissionTotals as Totals } from "@/lib/commissions/commission-totals";
import { ledgerStatuses, ledgerStatusLabels } from "@/lib/commissions/ledger-status";
import { formatMoney } from "@/lib/format";

/** Sums per currency and status; "Total" leaves reversed entries out (they are owed nothing). */
export function CommissionTotals({ totals, caption }: { totals: Totals[]; caption: string }) {
  return (
    <div data-testid="commission-totals" className="space-y-2">
      {totals.length === 0 ? (
        <p className="text-sm text-slate-600">No entries, so nothing to add up yet.</p>
      ) : (
        <Table label="Commission totals">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            <tr>
              <Th>Currency</Th>
              {ledgerStatuses.map((status) => (
                <Th key={status}>{ledgerStatusLabels[status]}</Th>
              ))}
              <Th>Total</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {totals.map((row) => (
              <tr key={row.currency} data-currency={row.currency}>
                <Td>{row.currency.toUpperCase()}</Td>
                {ledgerStatuses.map((status) => (
                  <Td key={status} data-status={status}>
                    <span className="whitespace-nowrap">
                      {formatMoney(row[status], row.currency)}
                    </span>
                  </Td>
                ))}
                <Td data-status="total">
                  <span className="whitespace-nowrap font-semibold">
                    {formatMoney(row.total, row.currency)}
                  </span>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <p className="text-xs text-slate-500">
        Earned means pending past the hold period. Total leaves reversed entries out.
      </p>
    </div>
  );
}
