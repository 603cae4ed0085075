import { ManageSubscriptionButton } from "@/components/billing/manage-subscription-button";
import { SubscriptionStatusBadge } from "@/components/billing/subscription-status-badge";
import { pricePerInterval, subscriptionPeriodLine } from "@/components/billing/subscription-text";
import { Card } from "@/components/ui/card";
import Link from "next/link";
import { billingInterval } from "@/lib/subscriptions/subscription-price";
import type { UserSubscription } from "@/lib/subscriptions/list-user-subscriptions";

type Props = { subscription: UserSubscription; canOpenPortal: boolean };

/** Says which payment failed and how to fix it; the fix is one click into the billing portal. */
function PaymentFailedBanner({ subscription, canOpenPortal }: Props) {
  const reason = subscription.paymentFailure ?? "the card was declined";
  return (
    <div
      role="alert"
      data-testid="payment-failed"
      className="rounded-md bg-rose-50 px-4 py-3 text-sm text-rose-900"
    >
      Your last payment for {subscription.offeringName} failed: {reason.replace(/\.$/, "")}.{" "}
      {canOpenPortal ? (
        <ManageSubscriptionButton appearance="link">Update your card</ManageSubscriptionButton>
      ) : (
        "Update your card"
      )}{" "}
      to keep your access.
    </div>
  );
}

/**
 * The upgrades among the other plans of the subscription's family, each a link to its switch
 * preview. Downgrades (at the period's end) are not offered in the app yet.
 */
function SwitchOptions({ subscription }: { subscription: UserSubscription }) {
  const upgrades = subscription.switchOptions.filter((plan) => plan.direction === "upgrade");
  if (upgrades.length === 0) return null;
  return (
    <ul className="space-y-1 border-t border-slate-100 pt-3 text-sm" data-testid="switch-options">
      {upgrades.map((plan) => (
        <li key={plan.id}>
          <Link
            className="font-semibold text-indigo-700"
            href={`/dashboard/billing/switch?subscription=${subscription.id}&to=${plan.id}`}
          >
            Upgrade to {plan.name}
          </Link>{" "}
          <span className="text-slate-500">
            (
            {pricePerInterval({
              amount: plan.priceAmount,
              currency: plan.currency,
              interval: billingInterval(plan.pricingType),
            })}
            , prorated today)
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One subscription: what it is, what it costs, where it stands and what happens next. */
export function SubscriptionCard({ subscription, canOpenPortal }: Props) {
  const periodLine = subscriptionPeriodLine(subscription);
  const failed = subscription.status === "past_due" || subscription.status === "unpaid";
  return (
    <Card data-testid="subscription-card" className="space-y-3">
      {failed ? (
        <PaymentFailedBanner subscription={subscription} canOpenPortal={canOpenPortal} />
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="font-semibold">{subscription.offeringName}</h3>
        <SubscriptionStatusBadge status={subscription.status} />
      </div>
      <p className="text-sm text-slate-700" data-testid="subscription-price">
        {pricePerInterval(subscription)}
      </p>
      {periodLine ? (
        <p className="text-xs text-slate-500" data-testid="subscription-period">
          {periodLine}
        </p>
      ) : null}
      <SwitchOptions subscription={subscription} />
    </Card>
  );
}
