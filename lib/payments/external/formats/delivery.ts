/**
 * One delivery to an offering's webhook, whatever the provider's format: what happened to which
 * payment of which buyer. Each format (formats/) turns its body into this.
 */
export type DeliveryStatus = "succeeded" | "pending" | "failed" | "refunded" | "canceled";
export type DeliveryFormat = "json" | "stripe" | "paypal";

export type Delivery = {
  format: DeliveryFormat;
  /** The provider's name for what happened, for the event log. */
  type: string;
  /** null: a well-formed event this webhook does not act on (acknowledged, recorded as ignored). */
  status: DeliveryStatus | null;
  /** A purchase id we gave the provider (or, from Stripe, our order id). */
  purchaseRef?: string;
  userId?: string;
  userEmail?: string;
  /** The provider's payment id; for refunds and cancellations, the payment or subscription they concern. */
  paymentId?: string;
  /** Minor units. */
  amount?: number;
  currency?: string;
  /** A promotion code the buyer used at the provider (only offerings that accept discounts). */
  discountCode?: string;
  /** "Send test delivery": verified and logged, never applied. */
  test?: boolean;
};

/** A decimal amount string ("10.50", "1000") in minor units for the currency (JPY has none). */
export function toMinorUnits(value: string, digits: number): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) return null;
  const padded = (fraction + "0".repeat(digits)).slice(0, digits);
  return Number(match[1]) * 10 ** digits + Number(padded || "0");
}
