import { ManageSubscriptionButton } from "@/components/billing/manage-subscription-button";
import { PlanBadge } from "@/components/billing/plan-badge";
import { SubscriptionCard } from "@/components/billing/subscription-card";
import type { AccessOverview } from "@/lib/access/get-access-overview";
import type { FormAction } from "@/lib/http/action-state";
import type { UserSubscriptions } from "@/lib/subscriptions/list-user-subscriptions";

/**
 * The top of the billing page: what the user has, the way into the billing portal (only for users Stripe
 * knows as customers), and one card per subscription.
 */
export function SubscriptionsOverview({
  subscriptions,
  access,
  keepPlanAction,
}: {
  subscriptions: UserSubscriptions;
  access: AccessOverview;
  keepPlanAction: FormAction;
}) {
  return (
    <section aria-labelledby="subscriptions-heading" className="space-y-3">
      <h2 id="subscriptions-heading" className="sr-only">
        Subscriptions
      </h2>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PlanBadge access={access} />
        {subscriptions.hasStripeCustomer ? <ManageSubscriptionButton /> : null}
      </div>
      {subscriptions.items.length > 0 ? (
        <ul className="grid gap-4 sm:grid-cols-2">
          {subscriptions.items.map((subscription) => (
            <li key={subscription.id}>
              <SubscriptionCard
                subscription={subscription}
                canOpenPortal={subscriptions.hasStripeCustomer}
                keepPlanAction={keepPlanAction}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
