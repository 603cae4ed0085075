import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { releasePlanSwitch } from "@/lib/payments/stripe/schedule-plan-switch";
import { getStripe } from "@/lib/stripe/client";
import { recordPendingSwitch } from "@/lib/subscriptions/pending-switch";

export type CancelPlanSwitchOptions = { userId: string; subscriptionId: string };

/**
 * The subscriber keeps their plan after all: the downgrade's subscription schedule is released
 * at Stripe (the subscription carries on at its price) and the pending switch forgotten.
 * Someone else's subscription is not found.
 */
export async function cancelPlanSwitch({ userId, subscriptionId }: CancelPlanSwitchOptions) {
  const subscription = await db.subscription.findFirst({
    where: { id: subscriptionId, userId },
    select: { id: true, stripeSubscriptionId: true, pendingPriceId: true },
  });
  if (!subscription) throw new AppError("not_found", "You have no such subscription.");
  if (!subscription.pendingPriceId)
    throw new AppError("conflict", "No plan switch is waiting on this subscription.");
  const stripe = await getStripe();
  await releasePlanSwitch(
    stripe,
    await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId),
  );
  await recordPendingSwitch(subscription.id, null);
  return { subscriptionId: subscription.id };
}
