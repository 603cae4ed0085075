export type OfferingPrice = { id: string; priceAmount: number; currency: string };

/** What differs between a reported payment and the offering's price, or null when nothing (or nothing was reported). */
export function paymentMismatch(
  offering: OfferingPrice,
  payment: { amount?: number; currency?: string },
) {
  const amountDiffers = payment.amount !== undefined && payment.amount !== offering.priceAmount;
  const currencyDiffers =
    payment.currency !== undefined &&
    payment.currency.toLowerCase() !== offering.currency.toLowerCase();
  if (!amountDiffers && !currencyDiffers) return null;
  return {
    expected: { amount: offering.priceAmount, currency: offering.currency },
    received: { amount: payment.amount ?? null, currency: payment.currency ?? null },
  };
}
