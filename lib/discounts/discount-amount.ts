/**
 * What a discount takes off a price: the one rule, shared by the Stripe checks and the external
 * webhook's. Percent off is rounded to the minor unit, as Stripe rounds it; an amount off is in
 * its own currency only, and never more than the price.
 */
export type DiscountTerms = {
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  offerings: { offeringId: string }[];
};

/** The columns a discount's terms are read from (with its id and code, which every reader shows). */
export const discountTermsSelect = {
  id: true,
  code: true,
  percentOff: true,
  amountOff: true,
  currency: true,
  offerings: { select: { offeringId: true } },
} as const;

/** Whether the discount may be used on this offering (none listed: every offering). */
export function appliesToOffering(discount: Pick<DiscountTerms, "offerings">, offeringId: string) {
  return (
    discount.offerings.length === 0 ||
    discount.offerings.some((entry) => entry.offeringId === offeringId)
  );
}

/** Minor units off `price` in `currency`; 0 when the discount cannot apply (another currency). */
export function discountAmountFor(discount: DiscountTerms, price: number, currency: string) {
  if (discount.percentOff !== null) return Math.round((price * discount.percentOff) / 100);
  if (discount.amountOff === null) return 0;
  if ((discount.currency ?? "").toLowerCase() !== currency.toLowerCase()) return 0;
  return Math.min(discount.amountOff, price);
}
