import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { applyCheckoutSession } from "@/lib/payments/stripe/events/apply-checkout-session";

/** A delayed payment settled. The event type is the signal, whatever status the snapshot shows. */
export function checkoutSessionAsyncPaymentSucceeded(
  tx: Tx,
  event: Stripe.Event,
  eventRecordId: string,
) {
  const session = event.data.object as Stripe.Checkout.Session;
  return applyCheckoutSession(
    tx,
    { ...session, payment_status: "paid" },
    { cause: `stripe ${event.type} ${event.id}`, eventRecordId },
  );
}
