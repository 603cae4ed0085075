import type Stripe from "stripe";

/** The fields of a Checkout Session that our code reads (a listed, retrieved or evented one). */
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

export function paymentIntentId(session: CheckoutSessionLike): string | undefined {
  const intent = session.payment_intent;
  return typeof intent === "string" ? intent : (intent?.id ?? undefined);
}
