import type { Tx } from "@/lib/db";
import {
  appliesToOffering,
  discountAmountFor,
  discountTermsSelect,
} from "@/lib/discounts/discount-amount";

/** What Stripe says a promotion code took off a checkout (session totals, in minor units). */
export type ReportedDiscount = {
  promotionCodeId: string | null;
  couponId: string | null;
  /** `total_details.amount_discount` */
  amount: number;
  /** `amount_subtotal`: the price before the discount. */
  subtotal: number | null;
  /** `amount_total`: what was paid. */
  total: number | null;
};

export type DiscountedOrder = {
  id: string;
  offeringId: string;
  amount: number;
  currency: string;
  discountAmount: number;
  status: string;
};

type Refusal = { refused: Record<string, unknown> };

/**
 * A one-time checkout paid with a promotion code: the order was made at the offering's price,
 * Stripe charged less. Accepted only when the code is one of ours, may be used on this offering,
 * and takes off exactly what Stripe says (price before = the order's, total = price − discount);
 * then the order records the code and is repriced to what was paid, so the usual amount check
 * and the commissions see the amount actually paid. Anything else is refused as a mismatch.
 * A paid or refunded order is never repriced (a copy of the event changes nothing).
 */
export async function checkCheckoutDiscount(
  tx: Tx,
  order: DiscountedOrder,
  reported: ReportedDiscount,
): Promise<Refusal | null> {
  if (order.status !== "PENDING" && order.status !== "FAILED") return null;
  const listAmount = order.amount + order.discountAmount;
  if (reported.amount === 0) {
    // Paid without a code: an order repriced by an earlier session returns to its price.
    if (order.discountAmount > 0)
      await tx.order.updateMany({
        where: { id: order.id, status: { in: ["PENDING", "FAILED"] } },
        data: { amount: listAmount, discountAmount: 0, discountCode: null, discountId: null },
      });
    return null;
  }
  const ids = [reported.promotionCodeId, reported.couponId].filter((id): id is string => !!id);
  const discount =
    ids.length === 0
      ? null
      : await tx.discount.findFirst({
          where: {
            OR: [{ stripePromotionCodeId: { in: ids } }, { stripeCouponId: { in: ids } }],
          },
          select: discountTermsSelect,
        });
  const expected =
    discount && appliesToOffering(discount, order.offeringId)
      ? discountAmountFor(discount, listAmount, order.currency)
      : null;
  if (
    !discount ||
    expected === null ||
    expected !== reported.amount ||
    reported.subtotal !== listAmount ||
    reported.total !== listAmount - expected
  ) {
    return {
      refused: {
        orderId: order.id,
        expected: { amount: listAmount, currency: order.currency, discount: expected },
        received: {
          subtotal: reported.subtotal,
          discount: reported.amount,
          total: reported.total,
          promotionCode: reported.promotionCodeId,
          coupon: reported.couponId,
        },
        note: discount ? "discount_does_not_match" : "unknown_discount",
      },
    };
  }
  await tx.order.updateMany({
    where: { id: order.id, status: { in: ["PENDING", "FAILED"] } },
    data: {
      amount: listAmount - expected,
      discountAmount: expected,
      discountCode: discount.code,
      discountId: discount.id,
    },
  });
  return null;
}

/** Our promotion code behind Stripe's ids, for an invoice that names them. */
export function findStripeDiscount(
  tx: Tx,
  ids: { promotionCodeId: string | null; couponId: string | null },
) {
  const wanted = [ids.promotionCodeId, ids.couponId].filter((id): id is string => !!id);
  if (wanted.length === 0) return Promise.resolve(null);
  return tx.discount.findFirst({
    where: {
      OR: [{ stripePromotionCodeId: { in: wanted } }, { stripeCouponId: { in: wanted } }],
    },
    select: { id: true, code: true },
  });
}
