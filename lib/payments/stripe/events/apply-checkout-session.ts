import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { applySubscriptionCheckout } from "@/lib/payments/stripe/events/apply-subscription-checkout";
import { completePurchase } from "@/lib/purchases/complete-purchase";
import { checkCheckoutDiscount } from "@/lib/discounts/check-checkout-discount";
import {
  paymentIntentId,
  sessionDiscount,
  sessionOrderId,
  type CheckoutSessionLike,
} from "@/lib/stripe/checkout-session";

/**
 * The Stripe order a session speaks of. Only orders made for Stripe count: a Payment Link's
 * client_reference_id travels in a URL the buyer can edit, so it must not reach an order of
 * another provider, nor one of another offering than the session's metadata names.
 */
export async function findSessionOrder(
  tx: Tx,
  session: Pick<CheckoutSessionLike, "client_reference_id" | "metadata">,
) {
  const orderId = sessionOrderId(session);
  if (!orderId) return null;
  const offeringId = session.metadata?.offeringId;
  return tx.order.findFirst({
    where: { id: orderId, provider: "STRIPE", ...(offeringId ? { offeringId } : {}) },
    select: {
      id: true,
      purchaseId: true,
      offeringId: true,
      amount: true,
      currency: true,
      discountAmount: true,
      status: true,
    },
  });
}

export type ApplyCheckoutOptions = { cause: string; eventRecordId?: string };

/**
 * Applies what a Checkout Session says to its order: paid → the purchase completes (amount and
 * currency checked against the order, less a promotion code's discount: check-checkout-discount.ts); unpaid (a delayed method) → the order waits; subscription
 * mode → the subscription and its first invoice (apply-subscription-checkout.ts). Shared by
 * the event handlers beside it, the return page, a restarted checkout and the reconciliation, so
 * whichever arrives first grants, once.
 */
export async function applyCheckoutSession(
  tx: Tx,
  session: CheckoutSessionLike,
  options: ApplyCheckoutOptions,
): Promise<EventResult> {
  const orderId = sessionOrderId(session);
  if (!orderId) return { outcome: "UNMATCHED", error: "no_order_reference" };
  const order = await findSessionOrder(tx, session);
  // Not committed yet (or not a Stripe order at all): failing makes Stripe deliver again later.
  if (!order) return { outcome: "FAILED", error: "order_not_found", details: { orderId } };

  if (session.mode === "subscription")
    return applySubscriptionCheckout(
      tx,
      session,
      { id: order.id, purchaseId: order.purchaseId },
      options,
    );
  if (session.payment_status === "unpaid") {
    await tx.order.update({ where: { id: order.id }, data: { providerOrderId: session.id } });
    return {
      outcome: "PROCESSED",
      purchaseId: order.purchaseId,
      details: { note: "awaiting_payment" },
    };
  }
  // A promotion code: the order takes the discounted total, or the payment is refused.
  const discount = await checkCheckoutDiscount(tx, order, sessionDiscount(session));
  if (discount)
    return {
      outcome: "FAILED",
      purchaseId: order.purchaseId,
      error: "amount_mismatch",
      details: discount.refused,
    };
  return completePurchase(tx, {
    purchaseId: order.purchaseId,
    orderId: order.id,
    payment: {
      // Stripe always reports both for a payment; a missing one must not skip the check.
      amount: session.amount_total ?? Number.NaN,
      currency: session.currency ?? "",
      providerOrderId: session.id,
      providerCaptureId: paymentIntentId(session),
    },
    cause: options.cause,
    eventRecordId: options.eventRecordId,
  });
}
