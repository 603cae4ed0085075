/**
 * Promotion codes at checkout and coupons on subscriptions' invoices.
 *
 * A code is redeemable while it and its coupon are active and valid: not past `expires_at` or
 * the coupon's `redeem_by`, under both `max_redemptions`, in the coupon's currency (amount off),
 * above the code's `minimum_amount`, for a first-time customer when it says so, and for at least
 * one of the coupon's `applies_to` products. Applied to a session, it sets `discounts`,
 * `total_details.amount_discount` and `amount_total`; redeemed (times_redeemed + 1 on the code
 * and the coupon) when the session completes. A subscription started from that session carries a
 * `di_` discount: `once` discounts its first invoice only, `repeating` every invoice created
 * before `end` (start + `duration_in_months` calendar months), `forever` every invoice.
 */
import { addBillingPeriod } from "../../../../lib/calendar/add-billing-period";
import type { SandboxContext } from "../context";
import type { CheckoutSession, CheckoutSessionRecord } from "../objects/checkout-objects";
import {
  buildDiscount,
  couponAmounts,
  type Coupon,
  type Discount,
  type DiscountableLine,
  type PromotionCode,
} from "../objects/coupon-objects";
import type { Invoice } from "../objects/invoice-objects";
import type { Subscription } from "../objects/subscription-objects";

export type Redeemable = { coupon: Coupon; promotionCode: PromotionCode | null };
export type Refusal = { refused: string };

const INVALID = "This code is invalid.";

/** Whether a coupon can still be used, as Stripe reports it in `valid`. */
export function couponValid(coupon: Coupon, now: number): boolean {
  if (coupon.redeem_by !== null && coupon.redeem_by <= now) return false;
  if (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions)
    return false;
  return true;
}

/** The lines of a session the discount may apply to: a trial's recurring lines cost 0 today. */
function sessionLines(record: CheckoutSessionRecord): DiscountableLine[] {
  const trial = Boolean(record.subscriptionData?.trial);
  return record.lineItems.map((item) => ({
    amount: trial && item.price.recurring ? 0 : item.amount_total,
    product: item.price.product,
  }));
}

function customerHasPaid(context: SandboxContext, customer: string | null): boolean {
  if (!customer) return false;
  return Object.values(context.store.state.charges).some(
    (charge) => charge.customer === customer && charge.status === "succeeded",
  );
}

/** Checks a coupon (and its code) against a session; a refusal carries the buyer's message. */
export function checkRedeemable(
  context: SandboxContext,
  record: CheckoutSessionRecord,
  redeemable: Redeemable,
): Refusal | null {
  const now = context.now();
  const { coupon, promotionCode: code } = redeemable;
  if (code) {
    if (!code.active) return { refused: INVALID };
    if (code.expires_at !== null && code.expires_at <= now)
      return { refused: "This code has expired." };
    if (code.max_redemptions !== null && code.times_redeemed >= code.max_redemptions)
      return { refused: "This code has been used up." };
    const minimum = code.restrictions.minimum_amount;
    if (minimum !== null && record.session.amount_subtotal < minimum)
      return { refused: "The order does not reach this code's minimum amount." };
    if (code.restrictions.first_time_transaction && customerHasPaid(context, code.customer))
      return { refused: "This code is only for first-time customers." };
    if (code.customer && record.session.customer && code.customer !== record.session.customer)
      return { refused: INVALID };
  }
  if (!couponValid(coupon, now)) return { refused: "This code has expired." };
  if (coupon.amount_off !== null && coupon.currency !== record.session.currency)
    return { refused: INVALID };
  const products = record.lineItems.map((item) => item.price.product);
  if (
    coupon.applies_to &&
    !products.some((product) => coupon.applies_to?.products.includes(product))
  )
    return { refused: "This code does not apply to anything in this order." };
  return null;
}

/** The promotion code a buyer typed (codes match case-insensitively, as at Stripe). */
export function findPromotionCode(context: SandboxContext, typed: string): Redeemable | null {
  const wanted = typed.trim().toUpperCase();
  const code = Object.values(context.store.state.promotionCodes).find(
    (candidate) => candidate.code.toUpperCase() === wanted && candidate.active,
  );
  if (!code) return null;
  const coupon = context.store.state.coupons[code.promotion.coupon];
  return coupon ? { coupon, promotionCode: code } : null;
}

/** Puts a redeemable coupon on an open session: its discounts and totals. */
export function applyToSession(record: CheckoutSessionRecord, redeemable: Redeemable): void {
  const { session } = record;
  const discount = couponAmounts(redeemable.coupon, sessionLines(record)).reduce(
    (sum, amount) => sum + amount,
    0,
  );
  session.discounts = [
    { coupon: redeemable.coupon.id, promotion_code: redeemable.promotionCode?.id ?? null },
  ];
  session.total_details = { ...session.total_details, amount_discount: discount };
  session.amount_total = session.amount_subtotal - discount;
  if (session.amount_total === 0 && session.mode === "payment")
    session.payment_status = "no_payment_required";
}

/** The coupon and code on a session, if any. */
export function sessionRedeemable(
  context: SandboxContext,
  session: CheckoutSession,
): Redeemable | null {
  const applied = session.discounts?.[0];
  if (!applied?.coupon) return null;
  const coupon = context.store.state.coupons[applied.coupon];
  if (!coupon) return null;
  const code = applied.promotion_code
    ? (context.store.state.promotionCodes[applied.promotion_code] ?? null)
    : null;
  return { coupon, promotionCode: code };
}

/** Counts a redemption of the session's coupon and code, once, when the session completes. */
export function redeemSessionDiscount(context: SandboxContext, session: CheckoutSession) {
  const redeemable = sessionRedeemable(context, session);
  if (!redeemable) return;
  redeemable.coupon.times_redeemed += 1;
  if (redeemable.promotionCode) redeemable.promotionCode.times_redeemed += 1;
}

/** The subscription's discount object (`di_…`), started from the session's coupon. */
export function startSubscriptionDiscount(
  context: SandboxContext,
  record: CheckoutSessionRecord,
  subscription: Subscription,
): Discount | null {
  const redeemable = sessionRedeemable(context, record.session);
  if (!redeemable) return null;
  const { coupon } = redeemable;
  const start = context.now();
  const end =
    coupon.duration === "repeating"
      ? Math.floor(
          addBillingPeriod(
            new Date(start * 1000),
            "month",
            coupon.duration_in_months ?? 1,
          ).getTime() / 1000,
        )
      : null;
  const discount = buildDiscount({
    coupon: coupon.id,
    promotionCode: redeemable.promotionCode?.id ?? null,
    customer: subscription.customer,
    checkoutSession: record.session.id,
    subscription: subscription.id,
    start,
    end,
  });
  context.store.state.discounts[discount.id] = discount;
  subscription.discounts = [discount.id];
  return discount;
}

/**
 * Applies the subscription's discount to a draft invoice (every amount Stripe reports moves
 * with it), if the discount still runs. A `once` discount is used up by its first invoice.
 */
export function discountInvoice(
  context: SandboxContext,
  subscription: Subscription,
  invoice: Invoice,
): void {
  const discountId = subscription.discounts[0];
  const discount = discountId ? context.store.state.discounts[discountId] : undefined;
  if (!discount) return;
  const now = context.now();
  if (discount.end !== null && discount.end <= now) {
    subscription.discounts = [];
    return;
  }
  const coupon = context.store.state.coupons[discount.source.coupon];
  if (!coupon) return;
  const lines = invoice.lines.data.map((line) => ({
    amount: line.amount,
    product: line.pricing.price_details.product,
  }));
  const amounts = couponAmounts(coupon, lines);
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  invoice.lines.data.forEach((line, index) => {
    line.discounts = [discount.id];
    line.discount_amounts = [{ amount: amounts[index], discount: discount.id }];
  });
  invoice.discounts = [discount.id];
  invoice.total_discount_amounts = [{ amount: total, discount: discount.id }];
  invoice.total = invoice.subtotal - total;
  invoice.total_excluding_tax = invoice.total;
  // A switch's credit can outweigh its charge: nothing is due then (invoice-objects.ts).
  invoice.amount_due = Math.max(0, invoice.total);
  invoice.amount_remaining = invoice.amount_due;
  if (coupon.duration === "once") subscription.discounts = [];
}

/**
 * The buyer typed a code on the checkout page: applied if redeemable, else the reason. An empty
 * field removes the code already applied.
 */
export function enterPromotionCode(
  context: SandboxContext,
  record: CheckoutSessionRecord,
  typed: string,
): Refusal | null {
  if (!record.session.allow_promotion_codes) return { refused: INVALID };
  if (record.session.status !== "open") return { refused: "This Checkout Session is not open." };
  if (typed.trim() === "") {
    removeSessionDiscount(record);
    return null;
  }
  const redeemable = findPromotionCode(context, typed);
  if (!redeemable) return { refused: INVALID };
  const refusal = checkRedeemable(context, record, redeemable);
  if (refusal) return refusal;
  applyToSession(record, redeemable);
  return null;
}

function removeSessionDiscount(record: CheckoutSessionRecord): void {
  const { session } = record;
  session.discounts = [];
  session.total_details = { ...session.total_details, amount_discount: 0 };
  session.amount_total = session.amount_subtotal;
  if (session.amount_total > 0 && session.payment_status === "no_payment_required")
    session.payment_status = "unpaid";
}

/** At payment, the applied code must still hold (another buyer may have used the last one). */
export function recheckSessionDiscount(
  context: SandboxContext,
  record: CheckoutSessionRecord,
): Refusal | null {
  const redeemable = sessionRedeemable(context, record.session);
  if (!redeemable) return null;
  const refusal = checkRedeemable(context, record, redeemable);
  if (refusal) removeSessionDiscount(record);
  return refusal;
}
