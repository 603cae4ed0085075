import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { applyStripeSubscription } from "@/lib/subscriptions/apply-stripe-subscription";

/** `customer.subscription.updated`: the snapshot moves our row, access and plan forward (never back). */
export function customerSubscriptionUpdated(tx: Tx, event: Stripe.Event, eventRecordId: string) {
  return applyStripeSubscription(tx, event.data.object, {
    cause: `stripe ${event.type} ${event.id}`,
    eventCreated: new Date(event.created * 1000),
    eventRecordId,
  });
}
