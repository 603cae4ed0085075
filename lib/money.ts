/** Money is an integer in minor units (cents); these helpers are the only place that converts. */

export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: currency.toUpperCase(),
    }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export function formatMoney(amountMinor: number, currency: string, locale = "en-US"): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amountMinor / 10 ** digits);
}

const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

/** An ISO 4217 code this runtime can format (case-insensitive). */
export function isKnownCurrency(currency: string): boolean {
  return knownCurrencies.has(currency.toUpperCase());
}
