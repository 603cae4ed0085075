import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { getStripe } from "@/lib/stripe/client";
import { findSessionOrder } from "@/lib/payments/stripe/events/apply-checkout-session";
import { recordOrderRefund } from "@/lib/purchases/record-order-refund";
import { refundPurchase } from "@/lib/purchases/refund-purchase";

/**
 * A refund: partial ones are recorded on their order; a full one revokes the access the purchase
 * granted, unless it refunds one invoice of a subscription. The order is found by its payment
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
 *
 * A partial refund records the amount on its order and revokes nothing. A full refund of an
 * invoice's charge (a subscription's renewal or first payment) refunds that order only: the
 * subscription runs on and its events decide access. A full refund of any other payment refunds
 * the purchase and revokes. Amounts only grow, so duplicates and late events change nothing.
 */
export async function refundCharge(
  tx: Tx,
  charge: Pick<Stripe.Charge, "refunded" | "amount_refunded" | "payment_intent" | "metadata">,
  why: { cause: string; eventRecordId?: string },
): Promise<EventResult> {
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
    select: { id: true, purchaseId: true, providerInvoiceId: true },
  });
  if (!charge.refunded || order?.providerInvoiceId) {
    if (!order)
      return {
        outcome: "IGNORED",
        details: { note: "partial_refund", amountRefunded: charge.amount_refunded },
      };
    const recorded = await recordOrderRefund(tx, {
      orderId: order.id,
      amountRefunded: charge.amount_refunded,
      fullyRefunded: charge.refunded,
    });
    return {
      outcome: "PROCESSED",
      purchaseId: order.purchaseId,
      details: { note: charge.refunded ? "invoice_refunded" : "partial_refund", ...recorded },
    };
  }
  const found = order ?? (intentId ? await orderOfSessionPaidBy(tx, intentId) : null);
  if (!found)
    return {
      outcome: "UNMATCHED",
      error: "order_not_found",
      details: { paymentIntent: intentId ?? null },
    };
  return refundPurchase(tx, { purchaseId: found.purchaseId, orderId: found.id, ...why });
}

/**
 * A refund that overtakes the completion of a Payment Link order: the charge carries none of
 * our metadata and the order does not know its payment intent yet, but Stripe knows which
 * Checkout Session the payment intent paid, and the session names our order.
 */
async function orderOfSessionPaidBy(
  tx: Tx,
  paymentIntentId: string,
): Promise<{ id: string; purchaseId: string } | null> {
  const sessions = await (
    await getStripe()
  ).checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
  const session = sessions.data[0];
  if (!session) return null;
  return findSessionOrder(tx, session);
}
