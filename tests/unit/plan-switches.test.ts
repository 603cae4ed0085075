import { describe, expect, it } from "vitest";
import { offeringInput } from "@/lib/offerings/schemas";
import {
  invoiceOffering,
  prorationProblem,
  type InvoiceLine,
  type KnownPrice,
} from "@/lib/subscriptions/invoice-lines";
import { switchDirection } from "@/lib/subscriptions/plan-switch-options";

describe("switchDirection", () => {
  it.each([
    // A longer interval is an upgrade whatever the price per month ($10 a month yearly < $12).
    [{ pricingType: "MONTHLY", amount: 1200 }, { pricingType: "YEARLY", amount: 12000 }, "upgrade"],
    [
      { pricingType: "YEARLY", amount: 12000 },
      { pricingType: "MONTHLY", amount: 1200 },
      "downgrade",
    ],
    [{ pricingType: "MONTHLY", amount: 1200 }, { pricingType: "MONTHLY", amount: 2400 }, "upgrade"],
    [
      { pricingType: "MONTHLY", amount: 2400 },
      { pricingType: "MONTHLY", amount: 1200 },
      "downgrade",
    ],
    [
      { pricingType: "YEARLY", amount: 12000 },
      { pricingType: "YEARLY", amount: 12000 },
      "downgrade",
    ],
  ] as const)("%o → %o: %s", (from, to, expected) => {
    expect(switchDirection(from, to)).toBe(expected);
  });
});

const prices = new Map<string, KnownPrice>([
  ["price_monthly", { amount: 1200, offeringId: "monthly" }],
  ["price_yearly", { amount: 12000, offeringId: "yearly" }],
]);

function line(fields: Partial<InvoiceLine>): InvoiceLine {
  return {
    description: "line",
    amount: 0,
    quantity: 1,
    proration: false,
    priceId: null,
    periodStart: null,
    periodEnd: null,
    ...fields,
  };
}

const switchLines = [
  line({ description: "Unused time", amount: -813, proration: true, priceId: "price_monthly" }),
  line({ description: "1 × Studio Yearly", amount: 12000, priceId: "price_yearly" }),
];

describe("prorationProblem", () => {
  it("accepts a switch's invoice that adds up, with tax or a credit balance applied", () => {
    expect(prorationProblem(switchLines, 11187, undefined, prices)).toBeNull();
    const taxed = { subtotal: 11187, total: 12306, startingBalance: 0 };
    expect(prorationProblem(switchLines, 12306, taxed, prices)).toBeNull();
    const credit = { subtotal: 11187, total: 11187, startingBalance: -1187 };
    expect(prorationProblem(switchLines, 10000, credit, prices)).toBeNull();
  });

  it("refuses what does not add up", () => {
    expect(prorationProblem(switchLines, 100, undefined, prices)).toMatch(/paid 100/);
    const overCredit = [{ ...switchLines[0], amount: -1300 }, switchLines[1]];
    expect(prorationProblem(overCredit, 10700, undefined, prices)).toMatch(/exceeds its price/);
    const cheapYear = [switchLines[0], { ...switchLines[1], amount: 100 }];
    expect(prorationProblem(cheapYear, 0, undefined, prices)).toMatch(/price × quantity/);
    const foreign = [switchLines[0], { ...switchLines[1], priceId: "price_other" }];
    expect(prorationProblem(foreign, 11187, undefined, prices)).toMatch(/unknown price/);
    const wrongSubtotal = { subtotal: 12000, total: 11187, startingBalance: 0 };
    expect(prorationProblem(switchLines, 11187, wrongSubtotal, prices)).toMatch(/subtotal/);
  });

  it("leaves invoices without prorations alone (a trial's $0 line, a discounted renewal)", () => {
    const trial = [line({ amount: 0, priceId: "price_monthly" })];
    expect(prorationProblem(trial, 0, undefined, prices)).toBeNull();
  });
});

describe("invoiceOffering", () => {
  it("is the offering billed for a whole period, else the new plan's proration charge", () => {
    expect(invoiceOffering(switchLines, prices, "fallback")).toBe("yearly");
    const sameInterval = [
      line({ amount: -500, proration: true, priceId: "price_monthly" }),
      line({ amount: 6000, proration: true, priceId: "price_yearly" }),
    ];
    expect(invoiceOffering(sameInterval, prices, "fallback")).toBe("yearly");
    expect(invoiceOffering([], prices, "fallback")).toBe("fallback");
  });
});

describe("the plan family field", () => {
  const base = { name: "Studio", priceAmount: "1200", currency: "usd", pricingType: "MONTHLY" };
  const issues = (fields: Record<string, unknown>) => {
    const result = offeringInput.safeParse({ ...base, ...fields });
    return result.success
      ? []
      : result.error.issues.filter((issue) => issue.path[0] === "planFamily").map((i) => i.message);
  };

  it("is for monthly and yearly Stripe offerings", () => {
    expect(issues({ channel: "STRIPE_EMBEDDED", planFamily: "Studio" })).toEqual([]);
    expect(issues({ channel: "STRIPE_EMBEDDED", planFamily: "" })).toEqual([]);
    expect(
      issues({
        channel: "EXTERNAL_LINK",
        paymentLink: "https://pay.example.com",
        planFamily: "Studio",
      }),
    ).toEqual(["Plan switches are for monthly and yearly offerings on a Stripe channel"]);
  });
});
