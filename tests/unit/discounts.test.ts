import { describe, expect, it } from "vitest";
import { appliesToOffering, discountAmountFor } from "@/lib/discounts/discount-amount";
import { discountInput } from "@/lib/discounts/schemas";

const percent = (percentOff: number) => ({
  percentOff,
  amountOff: null,
  currency: null,
  offerings: [],
});
const amount = (amountOff: number, currency = "usd") => ({
  percentOff: null,
  amountOff,
  currency,
  offerings: [],
});

describe("discountAmountFor", () => {
  it("rounds percent off to the minor unit, as Stripe does", () => {
    expect(discountAmountFor(percent(20), 2900, "usd")).toBe(580);
    expect(discountAmountFor(percent(25), 1900, "usd")).toBe(475);
    expect(discountAmountFor(percent(15), 999, "usd")).toBe(150); // 149.85
    expect(discountAmountFor(percent(100), 4900, "eur")).toBe(4900);
  });

  it("takes an amount off only in its currency, and never more than the price", () => {
    expect(discountAmountFor(amount(500), 2900, "usd")).toBe(500);
    expect(discountAmountFor(amount(500), 2900, "USD")).toBe(500);
    expect(discountAmountFor(amount(500), 2900, "eur")).toBe(0);
    expect(discountAmountFor(amount(5000), 2900, "usd")).toBe(2900);
  });

  it("applies to every offering when none is listed, else only to those listed", () => {
    expect(appliesToOffering({ offerings: [] }, "a")).toBe(true);
    expect(appliesToOffering({ offerings: [{ offeringId: "a" }] }, "a")).toBe(true);
    expect(appliesToOffering({ offerings: [{ offeringId: "a" }] }, "b")).toBe(false);
  });
});

describe("discountInput", () => {
  const base = { code: "spring-20", kind: "PERCENT", percentOff: "20", duration: "ONCE" };

  it("upper-cases the code and keeps only the chosen kind's fields", () => {
    expect(discountInput.parse({ ...base, amountOff: "500", currency: "usd" })).toMatchObject({
      code: "SPRING-20",
      percentOff: 20,
      amountOff: null,
      currency: null,
      durationInMonths: null,
      offeringIds: [],
    });
  });

  it("asks for what each choice needs", () => {
    const problems = (input: Record<string, unknown>) =>
      discountInput.safeParse(input).error?.issues.map((issue) => issue.path.join("."));
    expect(problems({ ...base, kind: "AMOUNT" })).toEqual(["amountOff", "currency"]);
    expect(problems({ ...base, duration: "REPEATING" })).toEqual(["durationInMonths"]);
    expect(problems({ ...base, percentOff: "120" })).toEqual(["percentOff"]);
    expect(problems({ ...base, code: "a b" })).toEqual(["code"]);
    expect(problems({ ...base, expiresAt: "2000-01-01" })).toEqual(["expiresAt"]);
  });
});
