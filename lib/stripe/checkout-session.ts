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
  | "amount_subtotal"
  | "total_details"
  | "discounts"
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

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : (value?.id ?? null);

/** What a promotion code took off the session, as Stripe reports it (0 and nulls: none). */
export function sessionDiscount(
  session: Pick<
    CheckoutSessionLike,
    "discounts" | "total_details" | "amount_subtotal" | "amount_total"
  >,
) {
  const applied = session.discounts?.[0];
  return {
    promotionCodeId: idOf(applied?.promotion_code),
    couponId: idOf(applied?.coupon),
    amount: session.total_details?.amount_discount ?? 0,
    subtotal: session.amount_subtotal ?? null,
    total: session.amount_total ?? null,
  };
}
