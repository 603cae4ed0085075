import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { getStripe } from "@/lib/stripe/client";
import { findSessionOrder } from "@/lib/payments/stripe/events/apply-checkout-session";
import { refundPurchase } from "@/lib/purchases/refund-purchase";

/**
 * A full refund revokes the access the purchase granted. The order is found by its payment
 * intent, or by the metadata we put on the payment, so a refund that overtakes the completion
 * still lands (and the completion then grants nothing).
 */
export function chargeRefunded(
  tx: Tx,
  event: Stripe.Event,
  eventRecordId: string,
): Promise<EventResult> {
  return refundCharge(tx, event.data.object as Stripe.Charge, {
    cause: `stripe ${event.type} ${event.id}`,
    eventRecordId,
  });
}

/**
 * What a refunded charge does, from the charge alone: shared by `charge.refunded` and the
 * reconciliation with Stripe (reconcile.ts), which finds refunds whose event never came.
 */
export async function refundCharge(
  tx: Tx,
  charge: Pick<Stripe.Charge, "refunded" | "amount_refunded" | "payment_intent" | "metadata">,
  why: { cause: string; eventRecordId?: string },
): Promise<EventResult> {
  if (!charge.refunded)
    return {
      outcome: "IGNORED",
      details: { note: "partial_refund", amountRefunded: charge.amount_refunded },
    };
  const intentId =
    typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
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
  const purchaseId =
    order?.purchaseId ?? (intentId ? await purchaseOfSessionPaidBy(tx, intentId) : null);
  if (!purchaseId)
    return {
      outcome: "UNMATCHED",
      error: "order_not_found",
      details: { paymentIntent: intentId ?? null },
    };
  return refundPurchase(tx, { purchaseId, ...why });
}

/**
 * A refund that overtakes the completion of a Payment Link order: the charge carries none of
 * our metadata and the order does not know its payment intent yet, but Stripe knows which
 * Checkout Session the payment intent paid, and the session names our order.
 */
async function purchaseOfSessionPaidBy(tx: Tx, paymentIntentId: string): Promise<string | null> {
  const sessions = await (
    await getStripe()
  ).checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
  const session = sessions.data[0];
  if (!session) return null;
  const order = await findSessionOrder(tx, session);
  return order?.purchaseId ?? null;
}
