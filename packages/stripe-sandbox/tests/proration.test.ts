/**
 * Prorations worked by hand, to the cent, against billing/proration.ts: Stripe's own example
 * (10 USD → 20 USD halfway through a month), odd seconds, rounding, a switch to another
 * interval (new period from now, credit only) and the behaviours that invoice nothing.
 */
import { describe, expect, it } from "vitest";
import {
  planPriceSwitch,
  prorationDateText,
  proratedAmount,
  type PriceSwitch,
} from "../src/billing/proration";
import { buildPrice } from "../src/objects/objects";

const DAY = 86_400;
const DEC_1 = Date.UTC(2026, 11, 1) / 1000; // 2026-12-01T00:00:00Z
const JAN_1 = Date.UTC(2027, 0, 1) / 1000; // 31 days later

function price(amount: number, interval: "month" | "year", product = "prod_x") {
  return buildPrice({
    product,
    currency: "usd",
    unitAmount: amount,
    active: true,
    recurring: { interval, intervalCount: 1 },
    metadata: {},
    nickname: null,
    lookupKey: null,
    created: DEC_1,
  });
}

function change(
  overrides: Partial<PriceSwitch> & Pick<PriceSwitch, "newPrice" | "at">,
): PriceSwitch {
  return {
    item: {
      id: "si_1",
      price: price(1200, "month"),
      quantity: 1,
      current_period_start: DEC_1,
      current_period_end: JAN_1,
    },
    oldProductName: "Studio Monthly",
    newProductName: "Studio Yearly",
    behavior: "always_invoice",
    now: overrides.at,
    trialing: false,
    ...overrides,
  };
}

describe("proratedAmount: unit × quantity × seconds left ÷ period seconds, to the cent", () => {
  it.each([
    // Stripe's docs: half of a 30-day month left.
    { amount: 1000, left: 15 * DAY, length: 30 * DAY, expected: 500 },
    { amount: 2000, left: 15 * DAY, length: 30 * DAY, expected: 1000 },
    // 21 of 31 days: 1200 × 21/31 = 812.903… → 813.
    { amount: 1200, left: 21 * DAY, length: 31 * DAY, expected: 813 },
    // 1900 × 1,000,000 / 2,592,000 = 733.024… → 733.
    { amount: 1900, left: 1_000_000, length: 30 * DAY, expected: 733 },
    // 999 × ½ = 499.5 → 500 (half away from zero).
    { amount: 999, left: 15 * DAY, length: 30 * DAY, expected: 500 },
    // One second left of a year at $120: 0.00038… → 0.
    { amount: 12000, left: 1, length: 365 * DAY, expected: 0 },
    // The whole period left: the whole price.
    { amount: 4900, left: 30 * DAY, length: 30 * DAY, expected: 4900 },
  ])(
    "$amount with $left of $length seconds left → $expected",
    ({ amount, left, length, expected }) => {
      const period = { start: 0, end: length };
      expect(proratedAmount(amount, 1, period, length - left)).toBe(expected);
    },
  );

  it("multiplies by the quantity before rounding, and clamps a date outside the period", () => {
    expect(proratedAmount(333, 3, { start: 0, end: 3 * DAY }, DAY)).toBe(666);
    expect(proratedAmount(1000, 1, { start: 100, end: 200 }, 50)).toBe(1000);
    expect(proratedAmount(1000, 1, { start: 100, end: 200 }, 250)).toBe(0);
  });
});

describe("planPriceSwitch", () => {
  it("monthly → yearly ten days in: credit for the 21 unused days, a whole new year from now, invoiced at once", () => {
    const at = DEC_1 + 10 * DAY;
    const plan = planPriceSwitch(change({ newPrice: price(12000, "year", "prod_y"), at }));
    expect(prorationDateText(at)).toBe("11 Dec 2026");
    expect(plan.intervalChanged).toBe(true);
    expect(plan.anchor).toBe(at);
    expect(plan.period).toEqual({ start: at, end: Date.UTC(2027, 11, 11) / 1000 });
    expect(plan.pendingLines).toEqual([]);
    expect(
      plan.invoiceLines.map((line) => [
        line.proration?.description ?? "whole",
        line.proration?.amount ?? line.price.unit_amount,
      ]),
    ).toEqual([
      ["Unused time on Studio Monthly after 11 Dec 2026", -813],
      ["whole", 12000],
    ]);
  });

  it("$10 → $20 a month, halfway (Stripe's example): −$5 and +$10 on an invoice now, the period kept", () => {
    const start = DEC_1;
    const end = DEC_1 + 30 * DAY;
    const plan = planPriceSwitch(
      change({
        item: {
          id: "si_1",
          price: price(1000, "month"),
          quantity: 1,
          current_period_start: start,
          current_period_end: end,
        },
        oldProductName: "Basic",
        newProductName: "Premium",
        newPrice: price(2000, "month", "prod_p"),
        at: start + 15 * DAY,
      }),
    );
    expect(plan.intervalChanged).toBe(false);
    expect(plan.anchor).toBeNull();
    expect(plan.period).toEqual({ start, end });
    expect(
      plan.invoiceLines.map((line) => [line.proration?.description, line.proration?.amount]),
    ).toEqual([
      ["Unused time on Basic after 16 Dec 2026", -500],
      ["Remaining time on Premium after 16 Dec 2026", 1000],
    ]);
  });

  it("create_prorations on the same interval leaves both prorations pending; none makes none", () => {
    const at = DEC_1 + 10 * DAY;
    const newPrice = price(2400, "month", "prod_p");
    const pending = planPriceSwitch(change({ newPrice, at, behavior: "create_prorations" }));
    expect(pending.invoiceLines).toEqual([]);
    // 2400 × 21/31 = 1625.806… → 1626.
    expect(pending.pendingLines.map((line) => line.proration?.amount)).toEqual([-813, 1626]);
    const none = planPriceSwitch(change({ newPrice, at, behavior: "none" }));
    expect([none.invoiceLines, none.pendingLines]).toEqual([[], []]);
  });

  it("another interval with proration_behavior=none: the whole new period now, no credit", () => {
    const at = DEC_1 + 10 * DAY;
    const plan = planPriceSwitch(change({ newPrice: price(12000, "year"), at, behavior: "none" }));
    expect(
      plan.invoiceLines.map((line) => line.proration?.amount ?? line.price.unit_amount),
    ).toEqual([12000]);
  });
});
