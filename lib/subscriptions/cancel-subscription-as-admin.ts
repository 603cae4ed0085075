import Stripe from "stripe";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getStripe, isStripeMissing } from "@/lib/stripe/client";
import { applyStripeSubscription } from "@/lib/subscriptions/apply-stripe-subscription";

export type CancelSubscriptionAsAdminOptions = {
  subscriptionId: string;
  when: "now" | "period_end";
  actorId: string;
};

const ENDED = new Set(["canceled", "incomplete_expired"]);

/**
 * An admin cancels a subscription at Stripe, now or at the end of the paid period, and the
 * subscription Stripe returns is applied at once (status, access, plan) with the admin as the
 * cause. The webhook events that follow carry the same state and change nothing more. No
 * transaction is held open while Stripe answers; a second "now" reuses the first request's
 * idempotency key and gets the same answer.
 */
export async function cancelSubscriptionAsAdmin({
  subscriptionId,
  when,
  actorId,
}: CancelSubscriptionAsAdminOptions) {
  const row = await db.subscription.findUnique({
    where: { id: subscriptionId },
    select: {
      id: true,
      stripeSubscriptionId: true,
      status: true,
      endedAt: true,
      cancelAtPeriodEnd: true,
    },
  });
  if (!row) throw new AppError("not_found", "No subscription has this id.");
  if (row.endedAt || ENDED.has(row.status))
    throw new AppError("conflict", "This subscription has already ended.");
  if (when === "period_end" && row.cancelAtPeriodEnd) {
    throw new AppError("conflict", "This subscription already ends at the end of its period.");
  }

  const stripe = await getStripe();
  let subscription: Stripe.Subscription;
  try {
    subscription =
      when === "now"
        ? await stripe.subscriptions.cancel(row.stripeSubscriptionId, undefined, {
            idempotencyKey: `admin-cancel-${row.id}`,
          })
        : await stripe.subscriptions.update(row.stripeSubscriptionId, {
            cancel_at_period_end: true,
          });
  } catch (error) {
    if (isStripeMissing(error)) throw new AppError("not_found", "Stripe has no such subscription.");
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      throw new AppError("conflict", `Stripe refused the cancellation: ${error.message}`);
    }
    throw error;
  }

  const result = await db.$transaction((tx) =>
    applyStripeSubscription(tx, subscription, { cause: `admin ${actorId}`, actorId }),
  );
  return { subscriptionId: row.id, when, status: subscription.status, outcome: result.outcome };
}
