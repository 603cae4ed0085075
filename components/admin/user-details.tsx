import Link from "next/link";
import { Facts, mono } from "@/components/admin/facts";
import { SubscriptionStatusBadge } from "@/components/billing/subscription-status-badge";
import { Card } from "@/components/ui/card";
import { OrderRefundStatus } from "@/components/orders/order-refund-status";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/lib/format";
import type { AdminUserDetail } from "@/lib/users/get-user-for-admin";

type Props = { detail: AdminUserDetail };

/** Who the user is: email, role, plan and their Stripe customer. */
export function UserFacts({ detail: { user } }: Props) {
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">User</h2>
      <Facts
        rows={[
          ["Email", user.email],
          ["Name", user.name ?? "—"],
          ["Role", user.role === "ADMIN" ? "Admin" : "User"],
          ["Plan", user.plan === "pro" ? "Pro" : "Free"],
          ["Email verified", user.emailVerified ? formatDate(user.emailVerified) : "Not yet"],
          ["Stripe customer", mono(user.stripeCustomerId)],
          [
            "Stripe status",
            user.stripeSubscriptionStatus ? (
              <SubscriptionStatusBadge key="status" status={user.stripeSubscriptionStatus} />
            ) : (
              "—"
            ),
          ],
          ["User id", mono(user.id)],
          ["Joined", formatDate(user.createdAt)],
        ]}
      />
    </Card>
  );
}

/** The provider's ids of one order, each labelled, for matching with the provider's dashboard. */
function ProviderIds({ order }: { order: AdminUserDetail["purchases"][number]["orders"][number] }) {
  const ids = [
    ["order", order.providerOrderId],
    ["payment", order.providerCaptureId],
    ["invoice", order.providerInvoiceId],
  ].filter((pair): pair is [string, string] => pair[1] !== null);
  if (ids.length === 0) return <>—</>;
  return (
    <>
      {ids.map(([label, id]) => (
        <span key={label} className="block">
          <span className="text-xs text-slate-500">{label} </span>
          {mono(id)}
        </span>
      ))}
    </>
  );
}

/** Every purchase, newest first, each with its orders; `#purchase-<id>` anchors search results. */
export function UserPurchases({ detail }: Props) {
  if (detail.purchases.length === 0) return <p className="text-sm text-slate-600">No purchases.</p>;
  return (
    <div className="space-y-3">
      {detail.purchasesCapped ? (
        <p className="text-sm text-slate-600">The newest {detail.purchases.length} purchases.</p>
      ) : null}
      {detail.purchases.map((purchase) => (
        <Card key={purchase.id} id={`purchase-${purchase.id}`} className="scroll-mt-4 space-y-3">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Link
              href={`/admin/offerings/${purchase.offering.id}`}
              className="font-semibold text-indigo-700 hover:underline"
            >
              {purchase.offering.name}
            </Link>
            <StatusBadge status={purchase.status} />
            <span className="text-slate-500">
              created {formatDate(purchase.createdAt)} · access{" "}
              {purchase.accessGrantedAt ? `from ${formatDate(purchase.accessGrantedAt)}` : "none"}
              {purchase.accessGrantedAt
                ? ` until ${purchase.expiresAt ? formatDate(purchase.expiresAt) : "no end"}`
                : ""}
              {purchase.refundedAt ? ` · refunded ${formatDate(purchase.refundedAt)}` : ""}
            </span>
          </p>
          <p className="text-xs text-slate-500">Purchase {mono(purchase.id)}</p>
          {purchase.orders.length === 0 ? (
            <p className="text-sm text-slate-600">No orders.</p>
          ) : (
            <Table label={`Orders of purchase ${purchase.id}`}>
              <thead className="bg-slate-50">
                <tr>
                  <Th>Order</Th>
                  <Th>Amount</Th>
                  <Th>Status</Th>
                  <Th>Provider ids</Th>
                  <Th>Paid</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {purchase.orders.map((order) => (
                  <tr key={order.id}>
                    <Td>
                      {mono(order.id)}
                      <span className="block text-xs text-slate-500">
                        {order.provider.toLowerCase()}
                      </span>
                    </Td>
                    <Td>{formatMoney(order.amount, order.currency)}</Td>
                    <Td>
                      <OrderRefundStatus order={order} />
                    </Td>
                    <Td>
                      <ProviderIds order={order} />
                    </Td>
                    <Td>
                      <span className="whitespace-nowrap">{formatDate(order.paidAt)}</span>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      ))}
    </div>
  );
}

export function UserSubscriptions({ detail }: Props) {
  if (detail.subscriptions.length === 0)
    return <p className="text-sm text-slate-600">No subscriptions.</p>;
  return (
    <Table label="Subscriptions">
      <thead className="bg-slate-50">
        <tr>
          <Th>Offering</Th>
          <Th>Status</Th>
          <Th>Stripe subscription</Th>
          <Th>Period ends</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {detail.subscriptions.map((subscription) => (
          <tr key={subscription.id}>
            <Td>
              <Link
                href={`/admin/subscriptions/${subscription.id}`}
                className="text-indigo-700 hover:underline"
              >
                {subscription.offering.name}
              </Link>
            </Td>
            <Td>
              <SubscriptionStatusBadge status={subscription.status} />
              {subscription.cancelAtPeriodEnd ? (
                <span className="block text-xs text-slate-500">cancels at period end</span>
              ) : null}
            </Td>
            <Td>{mono(subscription.stripeSubscriptionId)}</Td>
            <Td>{formatDate(subscription.endedAt ?? subscription.currentPeriodEnd)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Each membership: the community, where it came from, and its granted / expires / revoked times. */
export function UserMemberships({ detail }: Props) {
  if (detail.memberships.length === 0)
    return <p className="text-sm text-slate-600">No memberships.</p>;
  return (
    <Table label="Memberships">
      <thead className="bg-slate-50">
        <tr>
          <Th>Community</Th>
          <Th>From</Th>
          <Th>Granted</Th>
          <Th>Expires</Th>
          <Th>Revoked</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {detail.memberships.map((membership) => (
          <tr key={membership.id}>
            <Td>{membership.communityName}</Td>
            <Td>
              {membership.purchaseId ? (
                <a
                  href={`#purchase-${membership.purchaseId}`}
                  className="text-indigo-700 hover:underline"
                >
                  purchase
                </a>
              ) : (
                "manual grant"
              )}
            </Td>
            <Td>{formatDate(membership.grantedAt)}</Td>
            <Td>{membership.expiresAt ? formatDate(membership.expiresAt) : "Never"}</Td>
            <Td>{formatDate(membership.revokedAt)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
