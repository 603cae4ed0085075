/** Money is an integer in minor units (cents); these helpers are the only place that converts. */

export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() })
      .resolvedOptions().maximumFractionDigits ?? 2
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

export function isKnownCurrency(currency: string): boolean {
  try {
    new Intl.NumberFormat("en-US", { style: "currency", currency });
    return /^[a-z]{3}$/i.test(currency);
  } catch {
    return false;
  }
}
