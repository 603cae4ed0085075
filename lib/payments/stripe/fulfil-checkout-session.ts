import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { fulfilSubscriptionCheckout } from "@/lib/payments/stripe/fulfil-subscription-checkout";
import { completePurchase } from "@/lib/purchases/complete-purchase";

export type CheckoutSessionLike = Pick<
  Stripe.Checkout.Session,
  | "id"
  | "client_reference_id"
  | "metadata"
  | "mode"
  | "payment_status"
  | "amount_total"
  | "currency"
  | "payment_intent"
  | "subscription"
  | "invoice"
>;

/** Our order id: the client_reference_id we set (Payment Links carry only that), else metadata. */
export function sessionOrderId(
  session: Pick<CheckoutSessionLike, "client_reference_id" | "metadata">,
): string | null {
  return session.client_reference_id ?? session.metadata?.orderId ?? null;
}

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
    select: { id: true, purchaseId: true },
  });
}

export function paymentIntentId(session: CheckoutSessionLike): string | undefined {
  const intent = session.payment_intent;
  return typeof intent === "string" ? intent : (intent?.id ?? undefined);
}

export type FulfilOptions = { cause: string; eventRecordId?: string };

/**
 * Applies what a Checkout Session says to its order: paid → the purchase completes (amount and
 * currency checked against the order); unpaid (a delayed method) → the order waits; subscription
 * mode → the subscription and its first invoice (fulfil-subscription-checkout.ts). Shared by
 * the webhook handlers and the return page, so whichever arrives first grants, once.
 */
export async function fulfilCheckoutSession(
  tx: Tx,
  session: CheckoutSessionLike,
  options: FulfilOptions,
): Promise<EventResult> {
  const orderId = sessionOrderId(session);
  if (!orderId) return { outcome: "UNMATCHED", error: "no_order_reference" };
  const order = await findSessionOrder(tx, session);
  // Not committed yet (or not a Stripe order at all): failing makes Stripe deliver again later.
  if (!order) return { outcome: "FAILED", error: "order_not_found", details: { orderId } };

  if (session.mode === "subscription")
    return fulfilSubscriptionCheckout(
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
