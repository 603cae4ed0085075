import { randomUUID } from "node:crypto";
import Link from "next/link";
import { RefundInvoiceForm } from "@/components/admin/refund-invoice-form";
import { OrderRefundStatus } from "@/components/orders/order-refund-status";
import { Facts, mono } from "@/components/admin/facts";
import { SubscriptionStatusBadge } from "@/components/billing/subscription-status-badge";
import { pricePerInterval } from "@/components/billing/subscription-text";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/lib/format";
import type { FormAction } from "@/lib/http/action-state";
import type { AdminSubscriptionDetail } from "@/lib/subscriptions/get-subscription-for-admin";
import { billingInterval } from "@/lib/subscriptions/subscription-price";

type Props = { subscription: AdminSubscriptionDetail };

/** The subscription as Stripe last told us, the user it belongs to, and what they pay for. */
export function SubscriptionFacts({ subscription }: Props) {
  const { user, offering } = subscription;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card className="space-y-3 lg:col-span-2">
        <h2 className="text-lg font-semibold">Subscription</h2>
        <Facts
          rows={[
            ["Status", <SubscriptionStatusBadge key="status" status={subscription.status} />],
            ["Price", pricePerInterval(subscription.price)],
            ["Stripe subscription", mono(subscription.stripeSubscriptionId)],
            ["Stripe customer", mono(subscription.stripeCustomerId)],
            ["Stripe price", mono(subscription.stripePriceId)],
            [
              "Current period",
              `${formatDate(subscription.currentPeriodStart)} → ${formatDate(subscription.currentPeriodEnd)}`,
            ],
            ["Paid through", formatDate(subscription.paidThrough)],
            [
              "Free trial",
              subscription.trialEnd
                ? `${formatDate(subscription.trialStart)} → ${formatDate(subscription.trialEnd)}`
                : "—",
            ],
            ["Cancel at period end", subscription.cancelAtPeriodEnd ? "Yes" : "No"],
            ["Canceled at", formatDate(subscription.canceledAt)],
            ["Ended at", formatDate(subscription.endedAt)],
            ["Last payment failure", subscription.paymentFailure ?? "—"],
            [
              "Purchase",
              <span key="purchase">
                {mono(subscription.purchaseId)} <StatusBadge status={subscription.purchaseStatus} />
              </span>,
            ],
            ["Access until", formatDate(subscription.accessExpiresAt)],
            ["Newest event applied", formatDate(subscription.lastEventAt)],
            ["Created", formatDate(subscription.createdAt)],
          ]}
        />
      </Card>
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">User</h2>
        <Facts
          rows={[
            [
              "Email",
              <Link
                key="email"
                href={`/admin/users/${user.id}`}
                className="text-indigo-700 hover:underline"
              >
                {user.email}
              </Link>,
            ],
            ["Name", user.name ?? "—"],
            ["Plan", user.plan === "pro" ? "Pro" : "Free"],
            [
              "Stripe status",
              user.stripeSubscriptionStatus ? (
                <SubscriptionStatusBadge key="user-status" status={user.stripeSubscriptionStatus} />
              ) : (
                "—"
              ),
            ],
          ]}
        />
      </Card>
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Offering</h2>
        <Facts
          rows={[
            [
              "Name",
              <Link
                key="offering"
                href={`/admin/offerings/${offering.id}`}
                className="text-indigo-700 hover:underline"
              >
                {offering.name}
              </Link>,
            ],
            [
              "Current price",
              pricePerInterval({
                amount: offering.priceAmount,
                currency: offering.currency,
                interval: billingInterval(offering.pricingType),
              }),
            ],
          ]}
        />
      </Card>
    </div>
  );
}

/** Every order (paid or failed invoice) of the subscription's purchase, newest first. */
/** Each invoice's order; `refundAction` adds a Refund form to each invoice still refundable. */
export function SubscriptionOrdersTable({
  subscription,
  refundAction,
}: Props & { refundAction?: FormAction }) {
  if (subscription.orders.length === 0)
    return <p className="text-sm text-slate-600">No orders yet.</p>;
  return (
    <Table label="Subscription orders">
      <thead className="bg-slate-50">
        <tr>
          <Th>Date</Th>
          <Th>Amount</Th>
          <Th>Status</Th>
          <Th>Invoice</Th>
          {refundAction ? <Th>Refund</Th> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {subscription.orders.map((order) => (
          <tr key={order.id} data-testid="subscription-order-row">
            <Td>
              <span className="whitespace-nowrap">
                {formatDate(order.paidAt ?? order.createdAt)}
              </span>
            </Td>
            <Td>{formatMoney(order.amount, order.currency)}</Td>
            <Td>
              <OrderRefundStatus order={order} />
            </Td>
            <Td>{mono(order.providerInvoiceId)}</Td>
            {refundAction ? (
              <Td>
                {order.status === "PAID" && order.refundedAmount < order.amount ? (
                  <RefundInvoiceForm
                    action={refundAction}
                    subscriptionId={subscription.id}
                    orderId={order.id}
                    refundable={order.amount - order.refundedAmount}
                    requestId={randomUUID()}
                  />
                ) : null}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

const actionWords = {
  GRANT: "Granted",
  EXTEND: "Extended",
  SHORTEN: "Shortened",
  REVOKE: "Revoked",
} as const;

/** Each grant, extension, shortening and revocation this subscription caused, and why. */
export function AccessTrailTable({ subscription }: Props) {
  if (subscription.accessTrail.length === 0)
    return <p className="text-sm text-slate-600">No access changes yet.</p>;
  return (
    <Table label="Subscription access trail">
      <thead className="bg-slate-50">
        <tr>
          <Th>Action</Th>
          <Th>Community</Th>
          <Th>Cause</Th>
          <Th>Time</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {subscription.accessTrail.map((event) => (
          <tr key={event.id} data-testid="access-event-row">
            <Td>{actionWords[event.action]}</Td>
            <Td>{event.community.name}</Td>
            <Td>
              <span className="block min-w-48">{event.cause}</span>
            </Td>
            <Td>
              <span className="whitespace-nowrap">{formatDate(event.createdAt)}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
