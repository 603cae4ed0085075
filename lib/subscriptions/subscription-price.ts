/**
 * What a subscriber pays and how often. A subscription renews on the Stripe price it was started
 * on, so that price (an OfferingPrice row) wins when we know it; otherwise the offering's
 * current price stands in.
 */
import { db } from "@/lib/db";
import type { PricingType } from "@/lib/generated/prisma/client";

export type BillingInterval = "month" | "year";

export type SubscriptionPrice = {
  amount: number;
  currency: string;
  pricingType: PricingType;
  interval: BillingInterval | null;
};

type OfferingPriceFields = { priceAmount: number; currency: string; pricingType: PricingType };
type StripePriceFields = { amount: number; currency: string; pricingType: PricingType };

export function billingInterval(pricingType: PricingType): BillingInterval | null {
  if (pricingType === "MONTHLY") return "month";
  if (pricingType === "YEARLY") return "year";
  return null;
}

/** A price normalised to one month in whole minor units: a yearly price ÷ 12, rounded. */
export function monthlyAmount({
  amount,
  pricingType,
}: Pick<SubscriptionPrice, "amount" | "pricingType">) {
  if (pricingType === "MONTHLY") return amount;
  if (pricingType === "YEARLY") return Math.round(amount / 12);
  return 0; // a one-time price recurs never
}

/** The recorded Stripe prices among `priceIds`, by id. */
export async function loadStripePrices(priceIds: Array<string | null>) {
  const ids = [...new Set(priceIds.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map<string, StripePriceFields>();
  const prices = await db.offeringPrice.findMany({
    where: { stripePriceId: { in: ids } },
    select: { stripePriceId: true, amount: true, currency: true, pricingType: true },
  });
  return new Map(prices.map(({ stripePriceId, ...price }) => [stripePriceId, price]));
}

export function subscriptionPrice(
  offering: OfferingPriceFields,
  stripePrice: StripePriceFields | undefined,
): SubscriptionPrice {
  const { amount, currency, pricingType } = stripePrice ?? {
    amount: offering.priceAmount,
    currency: offering.currency,
    pricingType: offering.pricingType,
  };
  return { amount, currency, pricingType, interval: billingInterval(pricingType) };
}
