import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { findSessionOrder } from "@/lib/payments/stripe/events/apply-checkout-session";
import { failPurchase } from "@/lib/purchases/fail-purchase";
import { sessionOrderId } from "@/lib/stripe/checkout-session";

/** A delayed payment failed: order and purchase fail; nothing was granted. */
export async function checkoutSessionAsyncPaymentFailed(
  tx: Tx,
  event: Stripe.Event,
): Promise<EventResult> {
  const session = event.data.object as Stripe.Checkout.Session;
  const orderId = sessionOrderId(session);
  if (!orderId) return { outcome: "UNMATCHED", error: "no_order_reference" };
  const order = await findSessionOrder(tx, session);
  if (!order) return { outcome: "FAILED", error: "order_not_found", details: { orderId } };
  return failPurchase(tx, order.purchaseId);
}
