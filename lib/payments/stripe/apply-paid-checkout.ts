import type Stripe from "stripe";
import { applyPaidOrder, type FastEventResult } from "@/lib/events/apply-paid-order";
import { paymentIntentId, sessionOrderId } from "@/lib/stripe/checkout-session";

const PAID_SESSION_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
]);

/**
 * A paid one-time Checkout Session, the event most deliveries carry, through the one-statement
 * fast path (lib/events/apply-paid-order.ts). null when the event is of another kind or the
 * fast path does not apply; the caller then takes the general path.
 */
export async function applyPaidCheckout(
  event: Stripe.Event,
  payload: string,
): Promise<FastEventResult | null> {
  if (!PAID_SESSION_EVENTS.has(event.type)) return null;
  const session = event.data.object as Stripe.Checkout.Session;
  // The async event is the signal that a delayed payment settled, whatever its snapshot says.
  const paid =
    event.type === "checkout.session.async_payment_succeeded" || session.payment_status === "paid";
  const orderId = sessionOrderId(session);
  const amount = session.amount_total;
  if (
    session.mode !== "payment" ||
    !paid ||
    !orderId ||
    !Number.isSafeInteger(amount) ||
    !session.currency ||
    // A promotion code reprices the order first: the general path (apply-checkout-session.ts).
    (session.total_details?.amount_discount ?? 0) > 0
  )
    return null;
  return applyPaidOrder({
    provider: "stripe",
    eventKey: event.id,
    type: event.type,
    payload,
    orderId,
    orderProvider: "STRIPE",
    offeringId: session.metadata?.offeringId ?? null,
    amount: amount as number,
    currency: session.currency,
    providerOrderId: session.id,
    providerCaptureId: paymentIntentId(session) ?? null,
    cause: `stripe ${event.type} ${event.id}`,
  });
}
