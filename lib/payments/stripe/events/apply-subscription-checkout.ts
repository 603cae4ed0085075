import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { linkSubscription } from "@/lib/subscriptions/link-subscription";
import { completeInvoicePayment } from "@/lib/subscriptions/complete-invoice-payment";
import { sessionDiscount } from "@/lib/stripe/checkout-session";

/** The session's promotion code, which its first invoice carries. */
function firstInvoiceDiscount(session: SubscriptionSessionLike) {
  const { amount, promotionCodeId, couponId } = sessionDiscount(session);
  return amount > 0 ? { amount, promotionCodeId, couponId } : null;
}

export type SubscriptionSessionLike = Pick<
  Stripe.Checkout.Session,
  | "id"
  | "payment_status"
  | "amount_total"
  | "amount_subtotal"
  | "total_details"
  | "discounts"
  | "currency"
  | "subscription"
  | "invoice"
>;

const idOf = (value: string | { id: string } | null) =>
  typeof value === "string" ? value : (value?.id ?? null);

/**
 * A completed Checkout Session in subscription mode: the subscription's row (from Stripe, if no
 * subscription event came first), and its first invoice as the order made before checkout.
 * Shared by the webhook and the return page; whichever arrives first records it, once.
 */
export async function applySubscriptionCheckout(
  tx: Tx,
  session: SubscriptionSessionLike,
  order: { id: string; purchaseId: string },
  why: { cause: string; eventRecordId?: string },
): Promise<EventResult> {
  if (session.payment_status === "unpaid") {
    await tx.order.update({ where: { id: order.id }, data: { providerOrderId: session.id } });
    return {
      outcome: "PROCESSED",
      purchaseId: order.purchaseId,
      details: { note: "awaiting_payment" },
    };
  }
  const subscriptionId = idOf(session.subscription);
  const invoiceId = idOf(session.invoice);
  if (!subscriptionId || !invoiceId) {
    return {
      outcome: "FAILED",
      purchaseId: order.purchaseId,
      error: "malformed_event",
      details: { note: "subscription_session_without_invoice" },
    };
  }
  const linked = await linkSubscription(tx, {
    stripeSubscriptionId: subscriptionId,
    orderId: order.id,
  });
  if ("result" in linked) return linked.result;
  if (linked.subscription.purchaseId !== order.purchaseId) {
    return {
      outcome: "UNMATCHED",
      error: "subscription_of_another_purchase",
      details: { subscription: subscriptionId },
    };
  }
  await tx.order.update({ where: { id: order.id }, data: { providerOrderId: session.id } });
  return completeInvoicePayment(
    tx,
    linked.subscription,
    {
      id: invoiceId,
      amountPaid: session.amount_total ?? 0,
      currency: session.currency ?? "",
      priceIds: [],
      lines: [],
      periodEnd: null,
      paymentIntentId: null,
      first: true,
      discount: firstInvoiceDiscount(session),
    },
    why,
  );
}
