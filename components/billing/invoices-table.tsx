import Link from "next/link";
import { OrderRefundStatus } from "@/components/orders/order-refund-status";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/lib/format";
import type { SubscriptionInvoices } from "@/lib/subscriptions/list-subscription-invoices";

type Props = {
  invoices: SubscriptionInvoices;
  /** The link to another page of invoices, keeping the rest of the page's query. */
  pageHref: (page: number) => string;
};

/** A user's subscription invoices, newest first. */
export function InvoicesTable({ invoices, pageHref }: Props) {
  return (
    <div className="space-y-3">
      <Table label="Invoices">
        <thead className="bg-slate-50">
          <tr>
            <Th>Date</Th>
            <Th>Offering</Th>
            <Th>Amount</Th>
            <Th>Status</Th>
            <Th>Invoice</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {invoices.items.map((invoice) => (
            <tr key={invoice.id} data-testid="invoice-row">
              <Td>
                <span className="whitespace-nowrap">{formatDate(invoice.date)}</span>
              </Td>
              <Td>
                {invoice.offeringName}
                {invoice.lines.some((line) => line.proration) ? (
                  <ul className="mt-1 space-y-0.5 text-xs text-slate-500">
                    {invoice.lines.map((line, index) => (
                      <li key={index} data-testid="invoice-line">
                        {line.description}: {formatMoney(line.amount, invoice.currency)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </Td>
              <Td>{formatMoney(invoice.amount, invoice.currency)}</Td>
              <Td>
                <OrderRefundStatus order={invoice} />
              </Td>
              <Td>
                <span className="break-all font-mono text-xs text-slate-500">
                  {invoice.invoiceId}
                </span>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {invoices.pageCount > 1 ? (
        <nav className="flex items-center gap-4 text-sm" aria-label="Invoice pages">
          {invoices.page > 1 ? <Link href={pageHref(invoices.page - 1)}>← Newer</Link> : null}
          <span className="text-slate-500">
            Page {invoices.page} of {invoices.pageCount} · {invoices.total} invoices
          </span>
          {invoices.page < invoices.pageCount ? (
            <Link href={pageHref(invoices.page + 1)}>Older →</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
