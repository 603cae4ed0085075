import type { Tx } from "@/lib/db";
import {
  appliesToOffering,
  discountAmountFor,
  discountTermsSelect,
} from "@/lib/discounts/discount-amount";
import { countRedemptions } from "@/lib/discounts/count-redemptions";

export type ExternalDiscountOffering = {
  id: string;
  priceAmount: number;
  currency: string;
  acceptsDiscounts: boolean;
};

/** The discount fields an order takes when a provider reports a discounted payment. */
export type OrderDiscount = {
  discountAmount: number;
  discountCode: string | null;
  discountId: string | null;
};

/**
 * An external provider reports a payment below the offering's price. Accepted as discounted only
 * when the seller switched discounts on for the offering (`acceptsDiscounts`), in the offering's
 * currency, and no deeper than the largest discount a live promotion code allows on it (active,
 * not expired, not used up, limited to it or to nothing). A code the provider names is recorded
 * when it is one of ours for this offering. null: no discount, so the amount must be the price.
 */
export async function externalDiscount(
  tx: Tx,
  offering: ExternalDiscountOffering,
  payment: { amount?: number; currency?: string; discountCode?: string },
): Promise<OrderDiscount | null> {
  const { amount, currency } = payment;
  if (!offering.acceptsDiscounts || amount === undefined || amount >= offering.priceAmount)
    return null;
  if (currency !== undefined && currency.toLowerCase() !== offering.currency.toLowerCase())
    return null;
  const now = new Date();
  const candidates = await tx.discount.findMany({
    where: {
      active: true,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    select: { ...discountTermsSelect, maxRedemptions: true },
  });
  const redemptions = await countRedemptions(
    tx,
    candidates.map(({ id }) => id),
  );
  const allowed = candidates
    .filter((discount) => appliesToOffering(discount, offering.id))
    .filter(
      (discount) =>
        discount.maxRedemptions === null ||
        (redemptions.get(discount.id) ?? 0) < discount.maxRedemptions,
    )
    .map((discount) => ({
      ...discount,
      off: discountAmountFor(discount, offering.priceAmount, offering.currency),
    }));
  const largest = Math.max(0, ...allowed.map((discount) => discount.off));
  const taken = offering.priceAmount - amount;
  if (taken > largest) return null;
  const named = payment.discountCode
    ? allowed.find((discount) => discount.code === payment.discountCode?.trim().toUpperCase())
    : undefined;
  return {
    discountAmount: taken,
    discountCode: named?.code ?? null,
    discountId: named?.id ?? null,
  };
}
