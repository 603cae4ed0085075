import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, isKnownCurrency } from "@/lib/money";

describe("formatMoney", () => {
  it.each([
    [4900, "usd", "$49.00"],
    [1999, "USD", "$19.99"],
    [5, "usd", "$0.05"],
    [0, "usd", "$0.00"],
    [2500, "eur", "€25.00"],
    [500, "jpy", "¥500"],
    [1234567, "gbp", "£12,345.67"],
    [1000, "kwd", "KWD 1.000"],
  ])("formats %i minor units of %s as %s", (amount, currency, expected) => {
    expect(formatMoney(amount, currency).replace(/\u00a0/g, " ")).toBe(expected);
  });

  it("knows each currency's minor unit", () => {
    expect([currencyDigits("usd"), currencyDigits("jpy"), currencyDigits("kwd")]).toEqual([
      2, 0, 3,
    ]);
  });
});

describe("isKnownCurrency", () => {
  it.each(["usd", "EUR", "jpy"])("accepts %s", (code) => expect(isKnownCurrency(code)).toBe(true));
  it.each(["", "us", "dollars", "12a", "xyz"])("refuses %j", (code) =>
    expect(isKnownCurrency(code)).toBe(false),
  );
});
