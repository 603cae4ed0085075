import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/payments/process-event";
import { refundPurchase } from "@/lib/purchases/refund-purchase";

/**
 * A full refund revokes the access the purchase granted. The order is found by its payment
 * intent, or by the metadata we put on the payment, so a refund that overtakes the completion
 * still lands (and the completion then grants nothing).
 */
export async function chargeRefunded(tx: Tx, event: Stripe.Event, eventRecordId: string): Promise<EventResult> {
  const charge = event.data.object as Stripe.Charge;
  if (!charge.refunded) return { outcome: "IGNORED", details: { note: "partial_refund", amountRefunded: charge.amount_refunded } };
  const intentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  const order = await tx.order.findFirst({
    where: {
      provider: "STRIPE",
      OR: [
        ...(intentId ? [{ providerCaptureId: intentId }] : []),
        ...(charge.metadata?.orderId ? [{ id: charge.metadata.orderId }] : []),
      ],
    },
    select: { purchaseId: true },
  });
  if (!order) return { outcome: "UNMATCHED", error: "order_not_found", details: { paymentIntent: intentId ?? null } };
  return refundPurchase(tx, { purchaseId: order.purchaseId, cause: `stripe ${event.type} ${event.id}`, eventRecordId });
}
