import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { sessionOrderId } from "@/lib/stripe/checkout-session";

/** An abandoned session: its order expires if it still waits; the purchase can be started again. */
export async function checkoutSessionExpired(tx: Tx, event: Stripe.Event): Promise<EventResult> {
  const session = event.data.object as Stripe.Checkout.Session;
  const orderId = sessionOrderId(session);
  if (!orderId) return { outcome: "UNMATCHED", error: "no_order_reference" };
  const updated = await tx.order.updateMany({
    where: {
      id: orderId,
      provider: "STRIPE",
      status: "PENDING",
      OR: [{ providerOrderId: session.id }, { providerOrderId: null }],
    },
    data: { status: "EXPIRED" },
  });
  return { outcome: "PROCESSED", details: { ordersClosed: updated.count } };
}
