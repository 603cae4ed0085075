/**
 * Coupons, promotion codes and discounts (API 2026-10-28.endive). A coupon says how much comes
 * off (`percent_off`, or `amount_off` in a `currency`) and for how long (`once`, `forever`,
 * `repeating` for `duration_in_months`), optionally only on some products (`applies_to`). A
 * promotion code is the code a customer types, pointing at a coupon (`promotion.coupon`), with
 * its own expiry, redemption cap and restrictions. A discount (`di_…`) is a coupon applied to a
 * checkout session, subscription or invoice: `source.coupon`, `promotion_code`, `start`, `end`.
 */
import { newId, type Metadata } from "./objects";

export type CouponDuration = "once" | "forever" | "repeating";

export interface Coupon {
  id: string;
  object: "coupon";
  amount_off: number | null;
  applies_to?: { products: string[] };
  created: number;
  currency: string | null;
  duration: CouponDuration;
  duration_in_months: number | null;
  livemode: false;
  max_redemptions: number | null;
  metadata: Metadata;
  name: string | null;
  percent_off: number | null;
  redeem_by: number | null;
  times_redeemed: number;
  valid: boolean;
}

export interface PromotionCode {
  id: string;
  object: "promotion_code";
  active: boolean;
  code: string;
  created: number;
  customer: string | null;
  customer_account: null;
  expires_at: number | null;
  livemode: false;
  max_redemptions: number | null;
  metadata: Metadata;
  promotion: { coupon: string; type: "coupon" };
  restrictions: {
    first_time_transaction: boolean;
    minimum_amount: number | null;
    minimum_amount_currency: string | null;
  };
  times_redeemed: number;
}

export interface Discount {
  id: string;
  object: "discount";
  checkout_session: string | null;
  customer: string | null;
  customer_account: null;
  end: number | null;
  invoice: string | null;
  invoice_item: null;
  promotion_code: string | null;
  source: { coupon: string; type: "coupon" };
  start: number;
  subscription: string | null;
  subscription_item: null;
}

export function buildCoupon(
  fields: Omit<Coupon, "object" | "livemode" | "times_redeemed" | "valid">,
): Coupon {
  return { ...fields, object: "coupon", livemode: false, times_redeemed: 0, valid: true };
}

export function buildPromotionCode(
  fields: Omit<
    PromotionCode,
    "id" | "object" | "livemode" | "times_redeemed" | "customer_account" | "promotion"
  > & { coupon: string },
): PromotionCode {
  const { coupon, ...rest } = fields;
  return {
    id: newId("promo_", 24),
    object: "promotion_code",
    ...rest,
    customer_account: null,
    livemode: false,
    promotion: { coupon, type: "coupon" },
    times_redeemed: 0,
  };
}

export function buildDiscount(fields: {
  coupon: string;
  promotionCode: string | null;
  customer: string | null;
  checkoutSession: string | null;
  subscription: string | null;
  start: number;
  end: number | null;
}): Discount {
  return {
    id: newId("di_", 24),
    object: "discount",
    checkout_session: fields.checkoutSession,
    customer: fields.customer,
    customer_account: null,
    end: fields.end,
    invoice: null,
    invoice_item: null,
    promotion_code: fields.promotionCode,
    source: { coupon: fields.coupon, type: "coupon" },
    start: fields.start,
    subscription: fields.subscription,
    subscription_item: null,
  };
}

/** A line a coupon may take money off: its amount and the product it sells. */
export interface DiscountableLine {
  amount: number;
  product: string;
}

/**
 * What a coupon takes off each line, as Stripe computes it: percent off each eligible line,
 * rounded to the minor unit; an amount off spread over the eligible lines in proportion, never
 * more than they cost. Lines of other products (with `applies_to`) get nothing.
 */
export function couponAmounts(coupon: Coupon, lines: DiscountableLine[]): number[] {
  const eligible = lines.map(
    (line) => !coupon.applies_to || coupon.applies_to.products.includes(line.product),
  );
  if (coupon.percent_off !== null) {
    const percent = coupon.percent_off;
    return lines.map((line, index) =>
      eligible[index] ? Math.round((line.amount * percent) / 100) : 0,
    );
  }
  const base = lines.reduce((sum, line, index) => sum + (eligible[index] ? line.amount : 0), 0);
  let left = Math.min(coupon.amount_off ?? 0, base);
  const lastEligible = eligible.lastIndexOf(true);
  return lines.map((line, index) => {
    if (!eligible[index] || base === 0) return 0;
    const share =
      index === lastEligible ? left : Math.floor(((coupon.amount_off ?? 0) * line.amount) / base);
    const taken = Math.min(share, line.amount, left);
    left -= taken;
    return taken;
  });
}
