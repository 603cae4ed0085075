import Link from "next/link";
import { Facts, mono } from "@/components/admin/facts";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { AdminEventDetail } from "@/lib/admin/get-event-for-admin";
import { formatDate, formatMoney } from "@/lib/format";

type Props = { event: AdminEventDetail };

const link = "text-indigo-700 hover:underline";

/** How the event ended, and when. */
export function EventFacts({ event }: Props) {
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">Event</h2>
      <Facts
        rows={[
          ["Outcome", <StatusBadge key="outcome" status={event.outcome} />],
          [
            "Error",
            event.error ? (
              <span className="font-medium text-rose-700">{event.error.replace(/_/g, " ")}</span>
            ) : (
              "—"
            ),
          ],
          ["Provider", event.provider],
          ["Type", mono(event.type)],
          ["Provider event", mono(event.providerEventId)],
          [
            "Attempts",
            <span key="attempts" data-testid="event-attempts">
              {event.attempts}
              {event.deadLetter ? (
                <span className="ml-2 font-medium text-rose-700">dead letter</span>
              ) : null}
            </span>,
          ],
          ["Received", formatDate(event.receivedAt)],
          ["Processed", formatDate(event.processedAt)],
        ]}
      />
    </Card>
  );
}

/** A stored JSON value, whole and scrollable. */
export function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{title}</h2>
      <pre className="max-h-[32rem] overflow-auto rounded-lg bg-slate-50 p-3 text-xs text-slate-700 ring-1 ring-slate-200">
        {value === null || value === undefined ? "—" : JSON.stringify(value, null, 2)}
      </pre>
    </section>
  );
}

/** What the event changed: the purchase it touched, that purchase's orders, and the access trail rows it wrote. */
export function EventChanges({ event }: Props) {
  const { purchase, accessEvents } = event;
  if (!purchase && accessEvents.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        This event touched no purchase and changed no access.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      {purchase ? (
        <Card className="space-y-3">
          <h3 className="font-semibold">Purchase</h3>
          <Facts
            rows={[
              [
                "Purchase",
                <span key="purchase">
                  {mono(purchase.id)} <StatusBadge status={purchase.status} />
                </span>,
              ],
              [
                "Offering",
                <Link
                  key="offering"
                  href={`/admin/offerings/${purchase.offering.id}`}
                  className={link}
                >
                  {purchase.offering.name}
                </Link>,
              ],
              [
                "Buyer",
                <Link key="buyer" href={`/admin/users/${purchase.user.id}`} className={link}>
                  {purchase.user.email}
                </Link>,
              ],
              ["Access granted", formatDate(purchase.accessGrantedAt)],
              ["Access until", formatDate(purchase.expiresAt)],
              ["Refunded", formatDate(purchase.refundedAt)],
              [
                "Subscription",
                purchase.subscription ? (
                  <Link
                    key="subscription"
                    href={`/admin/subscriptions/${purchase.subscription.id}`}
                    className={link}
                  >
                    {purchase.subscription.stripeSubscriptionId} ({purchase.subscription.status})
                  </Link>
                ) : (
                  "—"
                ),
              ],
            ]}
          />
          <OrdersTable orders={purchase.orders} />
        </Card>
      ) : null}
      <AccessTable rows={accessEvents} />
    </div>
  );
}

function OrdersTable({ orders }: { orders: NonNullable<AdminEventDetail["purchase"]>["orders"] }) {
  if (orders.length === 0) return <p className="text-sm text-slate-600">No orders.</p>;
  return (
    <Table label="Orders of this purchase">
      <thead className="bg-slate-50">
        <tr>
          <Th>Order</Th>
          <Th>Amount</Th>
          <Th>Status</Th>
          <Th>Provider reference</Th>
          <Th>Paid</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {orders.map((order) => (
          <tr key={order.id} data-testid="event-order-row">
            <Td>{mono(order.id)}</Td>
            <Td>{formatMoney(order.amount, order.currency)}</Td>
            <Td>
              <StatusBadge status={order.status} />
            </Td>
            <Td>{mono(order.providerInvoiceId ?? order.providerOrderId)}</Td>
            <Td>
              <span className="whitespace-nowrap">{formatDate(order.paidAt)}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function AccessTable({ rows }: { rows: AdminEventDetail["accessEvents"] }) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-600">No access granted or revoked by this event.</p>;
  return (
    <Table label="Access changes by this event">
      <thead className="bg-slate-50">
        <tr>
          <Th>Access</Th>
          <Th>User</Th>
          <Th>Community</Th>
          <Th>When</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.id} data-testid="event-access-row">
            <Td>
              <StatusBadge status={row.action} />
            </Td>
            <Td>
              <Link href={`/admin/users/${row.user.id}`} className={link}>
                {row.user.email}
              </Link>
            </Td>
            <Td>
              <Link href={`/admin/communities/${row.community.id}`} className={link}>
                {row.community.name}
              </Link>
            </Td>
            <Td>
              <span className="whitespace-nowrap">{formatDate(row.createdAt)}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
