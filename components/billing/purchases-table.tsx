import Link from "next/link";
import { OrderRefundStatus } from "@/components/orders/order-refund-status";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/lib/format";
import type { listUserPurchases } from "@/lib/purchases/list-user-purchases";

type Purchases = Awaited<ReturnType<typeof listUserPurchases>>;

/** What the purchase gives now, by the one access rule (`accessActive`), and never a stale end. */
function accessUntil(purchase: Purchases["items"][number]): string {
  if (purchase.status !== "SUCCEEDED") return "—";
  if (purchase.accessActive)
    return purchase.expiresAt ? formatDate(purchase.expiresAt) : "Lifetime";
  const ended = purchase.expiresAt && purchase.expiresAt <= new Date() ? purchase.expiresAt : null;
  return ended ? `Ended ${formatDate(ended)}` : "Ended";
}

export function PurchasesTable({ purchases }: { purchases: Purchases }) {
  return (
    <div className="space-y-3">
      <Table label="Purchases">
        <thead className="bg-slate-50">
          <tr>
            <Th>Offering</Th>
            <Th>Status</Th>
            <Th>Amount</Th>
            <Th>Payment</Th>
            <Th>Started</Th>
            <Th>Paid</Th>
            <Th>Access until</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {purchases.items.map((purchase) => {
            const order = purchase.orders[0];
            return (
              <tr key={purchase.id} data-testid="purchase-row">
                <Td>{purchase.offering.name}</Td>
                <Td>
                  <StatusBadge status={purchase.status} />
                </Td>
                <Td>
                  {order ? formatMoney(order.amount, order.currency) : "—"}
                  {order && order.discountAmount > 0 ? (
                    <span className="block text-xs text-emerald-700" data-testid="order-discount">
                      {order.discountCode ?? "Discount"} −
                      {formatMoney(order.discountAmount, order.currency)}
                    </span>
                  ) : null}
                </Td>
                <Td>
                  {purchase.orders.map((attempt) => (
                    <span
                      key={attempt.id}
                      className="mb-1 flex items-center gap-1 text-xs text-slate-500"
                      data-testid="order-status"
                    >
                      <OrderRefundStatus order={attempt} />{" "}
                      {attempt.provider === "STRIPE" ? "Stripe" : "external link"}
                    </span>
                  ))}
                </Td>
                <Td>{formatDate(purchase.createdAt)}</Td>
                <Td>{formatDate(purchase.accessGrantedAt)}</Td>
                <Td>{accessUntil(purchase)}</Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {purchases.pageCount > 1 ? (
        <nav className="flex items-center gap-4 text-sm" aria-label="Purchases pages">
          {purchases.page > 1 ? <Link href={`?page=${purchases.page - 1}`}>← Newer</Link> : null}
          <span className="text-slate-500">
            Page {purchases.page} of {purchases.pageCount} · {purchases.total} purchases
          </span>
          {purchases.page < purchases.pageCount ? (
            <Link href={`?page=${purchases.page + 1}`}>Older →</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
