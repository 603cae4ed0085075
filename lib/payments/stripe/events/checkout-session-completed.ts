import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { applyCheckoutSession } from "@/lib/payments/stripe/events/apply-checkout-session";

/** Paid at once (cards) → access; a delayed method (`unpaid`) → the order waits for the async event. */
export function checkoutSessionCompleted(tx: Tx, event: Stripe.Event, eventRecordId: string) {
  const session = event.data.object as Stripe.Checkout.Session;
  return applyCheckoutSession(tx, session, {
    cause: `stripe ${event.type} ${event.id}`,
    eventRecordId,
  });
}
