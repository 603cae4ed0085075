import Link from "next/link";
import { SubscriptionStatusBadge } from "@/components/billing/subscription-status-badge";
import { pricePerInterval } from "@/components/billing/subscription-text";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { AdminSubscriptionRow } from "@/lib/subscriptions/list-subscriptions-for-admin";

/** Subscriptions across all users, newest first; each row opens the subscription's page. */
export function SubscriptionsTable({ subscriptions }: { subscriptions: AdminSubscriptionRow[] }) {
  if (subscriptions.length === 0) {
    return <p className="text-sm text-slate-600">No subscriptions match these filters.</p>;
  }
  return (
    <Table label="Subscriptions">
      <thead className="bg-slate-50">
        <tr>
          <Th>User</Th>
          <Th>Offering</Th>
          <Th>Status</Th>
          <Th>Price</Th>
          <Th>Current period end</Th>
          <Th>Cancel at period end</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {subscriptions.map((subscription) => (
          <tr key={subscription.id} data-testid="subscription-row">
            <Td>
              <Link
                href={`/admin/subscriptions/${subscription.id}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                {subscription.userEmail}
              </Link>
            </Td>
            <Td>{subscription.offeringName}</Td>
            <Td>
              <SubscriptionStatusBadge status={subscription.status} />
            </Td>
            <Td>
              <span className="whitespace-nowrap">{pricePerInterval(subscription)}</span>
            </Td>
            <Td>
              <span className="whitespace-nowrap">{formatDate(subscription.currentPeriodEnd)}</span>
            </Td>
            <Td>{subscription.cancelAtPeriodEnd ? "Yes" : "No"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
