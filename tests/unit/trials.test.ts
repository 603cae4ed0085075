import { describe, expect, it } from "vitest";
import { subscriptionPeriodLine } from "@/components/billing/subscription-text";
import { offeringInput } from "@/lib/offerings/schemas";

const monthlyEmbedded = {
  name: "Studio",
  priceAmount: "1200",
  currency: "usd",
  pricingType: "MONTHLY",
  channel: "STRIPE_EMBEDDED",
};

function trialIssues(fields: Record<string, unknown>) {
  const result = offeringInput.safeParse({ ...monthlyEmbedded, ...fields });
  return result.success
    ? []
    : result.error.issues
        .filter((issue) => issue.path.join(".") === "trialDays")
        .map((issue) => issue.message);
}

describe("an offering's free trial (trialDays)", () => {
  it("takes whole days from 0 to 90 on a monthly or yearly Embedded Checkout offering; empty is none", () => {
    expect(offeringInput.parse({ ...monthlyEmbedded, trialDays: "14" }).trialDays).toBe(14);
    expect(
      offeringInput.parse({ ...monthlyEmbedded, pricingType: "YEARLY", trialDays: 90 }).trialDays,
    ).toBe(90);
    expect(offeringInput.parse({ ...monthlyEmbedded, trialDays: "" }).trialDays).toBeUndefined();
    expect(offeringInput.parse({ ...monthlyEmbedded, trialDays: "0" }).trialDays).toBe(0);
  });

  it("refuses fractions, negatives and more than 90 days", () => {
    expect(trialIssues({ trialDays: "1.5" })).toEqual(["Whole days only"]);
    expect(trialIssues({ trialDays: "-1" })).toEqual(["Trial days cannot be negative"]);
    expect(trialIssues({ trialDays: "91" })).toEqual(["A trial lasts at most 90 days"]);
    expect(trialIssues({ trialDays: "two weeks" })).toEqual(["Trial days must be a number"]);
  });

  it("refuses a trial on a one-time offering, and outside Embedded Checkout (a Payment Link is one URL for everyone)", () => {
    expect(trialIssues({ trialDays: 7, pricingType: "ONE_TIME" })).toEqual([
      "A free trial needs a monthly or yearly price",
    ]);
    expect(trialIssues({ trialDays: 7, channel: "STRIPE_PAYMENT_LINK" })).toEqual([
      "Free trials run through Stripe Embedded Checkout: choose that channel",
    ]);
    expect(
      trialIssues({
        trialDays: 7,
        channel: "EXTERNAL_LINK",
        paymentLink: "https://pay.example.com/{purchase_id}",
      }),
    ).toEqual(["Free trials run through Stripe Embedded Checkout: choose that channel"]);
    // 0 is "no trial", fine anywhere.
    expect(trialIssues({ trialDays: 0, pricingType: "ONE_TIME" })).toEqual([]);
  });
});

describe("the billing page's line for a trial", () => {
  const trialEnd = new Date(Date.UTC(2026, 11, 20, 9));
  const base = {
    status: "trialing" as const,
    currentPeriodEnd: trialEnd,
    paidThrough: trialEnd,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    endedAt: null,
  };

  it("says when the trial ends, and that nothing follows once canceled", () => {
    expect(subscriptionPeriodLine(base)).toBe("Trial ends on Dec 20, 2026");
    expect(subscriptionPeriodLine({ ...base, cancelAtPeriodEnd: true })).toBe(
      "Trial ends on Dec 20, 2026; no payment follows",
    );
  });
});
