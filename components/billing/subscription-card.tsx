import { ManageSubscriptionButton } from "@/components/billing/manage-subscription-button";
import { SubscriptionStatusBadge } from "@/components/billing/subscription-status-badge";
import { KeepPlanForm } from "@/components/billing/keep-plan-form";
import {
  formatDay,
  pricePerInterval,
  subscriptionPeriodLine,
} from "@/components/billing/subscription-text";
import type { FormAction } from "@/lib/http/action-state";
import { Card } from "@/components/ui/card";
import Link from "next/link";
import { billingInterval } from "@/lib/subscriptions/subscription-price";
import type { UserSubscription } from "@/lib/subscriptions/list-user-subscriptions";

type Props = {
  subscription: UserSubscription;
  canOpenPortal: boolean;
  /** "Keep my plan" on a pending downgrade (app/dashboard/billing/switch/actions.ts). */
  keepPlanAction: FormAction;
};

/** Says which payment failed and how to fix it; the fix is one click into the billing portal. */
function PaymentFailedBanner({
  subscription,
  canOpenPortal,
}: Pick<Props, "subscription" | "canOpenPortal">) {
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
 * The other plans of the subscription's family, each a link to its switch preview: an upgrade
 * is charged today, prorated; a downgrade starts at the renewal. A downgrade already chosen says
 * when it starts, with "Keep my plan".
 */
function SwitchOptions({ subscription, keepPlanAction }: Omit<Props, "canOpenPortal">) {
  const pending = subscription.pendingOffering;
  if (subscription.switchOptions.length === 0 && !pending) return null;
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3 text-sm">
      {pending && subscription.pendingSwitchAt ? (
        <div className="space-y-2" data-testid="pending-switch">
          <p className="text-slate-700">
            Switches to {pending.name} on {formatDay(subscription.pendingSwitchAt)}.
          </p>
          <KeepPlanForm action={keepPlanAction} subscriptionId={subscription.id} />
        </div>
      ) : null}
      <ul className="space-y-1" data-testid="switch-options">
        {subscription.switchOptions.map((plan) => (
          <li key={plan.id}>
            <Link
              className="font-semibold text-indigo-700"
              href={`/dashboard/billing/switch?subscription=${subscription.id}&to=${plan.id}`}
            >
              {plan.direction === "upgrade" ? "Upgrade" : "Switch"} to {plan.name}
            </Link>{" "}
            <span className="text-slate-500">
              (
              {pricePerInterval({
                amount: plan.priceAmount,
                currency: plan.currency,
                interval: billingInterval(plan.pricingType),
              })}
              {plan.direction === "upgrade" ? ", prorated today" : ", from your next renewal"})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One subscription: what it is, what it costs, where it stands and what happens next. */
export function SubscriptionCard({ subscription, canOpenPortal, keepPlanAction }: Props) {
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
      <SwitchOptions subscription={subscription} keepPlanAction={keepPlanAction} />
    </Card>
  );
}
