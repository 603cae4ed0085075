import { Table, Td, Th } from "@/components/ui/table";
import type { CurrencyRevenue } from "@/lib/admin/dashboard/revenue-by-day";
import { formatMoney } from "@/lib/format";

const moneyFields = ["gross", "refunded", "net"] as const;

/** The range's totals, one row per currency: amounts in different currencies are never added. */
export function RevenueTotals({ revenue }: { revenue: CurrencyRevenue[] }) {
  return (
    <div data-testid="revenue-totals">
      {revenue.length === 0 ? (
        <p className="text-sm text-slate-600">No paid orders or refunds in this range.</p>
      ) : (
        <Table label="Revenue totals">
          <caption className="sr-only">Revenue per currency in this range</caption>
          <thead className="bg-slate-50">
            <tr>
              <Th>Currency</Th>
              <Th>Gross</Th>
              <Th>Refunded</Th>
              <Th>Net</Th>
              <Th>Orders</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {revenue.map((row) => (
              <tr key={row.currency} data-currency={row.currency}>
                <Td>{row.currency.toUpperCase()}</Td>
                {moneyFields.map((field) => (
                  <Td key={field} data-field={field} data-amount={row[field]}>
                    <span className="whitespace-nowrap">
                      {formatMoney(row[field], row.currency)}
                    </span>
                  </Td>
                ))}
                <Td data-field="orders">{row.orders}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
