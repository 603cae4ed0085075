import { describe, expect, it } from "vitest";
import { callbackUrl, signUpSchema } from "@/lib/auth/schemas";
import { offeringInput } from "@/lib/offerings/schemas";
import { jsonDeliveryBody as offeringWebhookBody } from "@/lib/payments/external/formats/json";

const validOffering = {
  name: "Course",
  priceAmount: "4900",
  currency: "USD",
  pricingType: "ONE_TIME",
  channel: "EXTERNAL_LINK",
  paymentLink: "https://pay.example.com/{purchase_id}",
};

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.error?.issues.map((issue) => issue.path.join(".")) ?? [];
}

describe("offeringInput", () => {
  it("coerces form strings and normalises the currency", () => {
    const parsed = offeringInput.parse({ ...validOffering, imageUrl: "", accessDurationDays: "" });
    expect(parsed).toMatchObject({
      priceAmount: 4900,
      currency: "usd",
      communityIds: [],
      commissionRateBps: 0,
    });
    expect(parsed.imageUrl).toBeUndefined();
    expect(parsed.accessDurationDays).toBeUndefined();
  });

  it.each([
    ["a fractional price", { priceAmount: "49.99" }, "priceAmount"],
    ["a negative price", { priceAmount: "-1" }, "priceAmount"],
    ["an unknown currency", { currency: "dollars" }, "currency"],
    ["a javascript: image URL", { imageUrl: "javascript:alert(1)" }, "imageUrl"],
    ["a data: image URL", { imageUrl: "data:image/png;base64,AAAA" }, "imageUrl"],
    ["a missing payment link on a link channel", { paymentLink: "" }, "paymentLink"],
    ["an ftp payment link", { paymentLink: "ftp://example.com" }, "paymentLink"],
    ["zero access days", { accessDurationDays: "0" }, "accessDurationDays"],
    ["a commission over 100%", { commissionRateBps: "10001" }, "commissionRateBps"],
    ["an unknown pricing type", { pricingType: "WEEKLY" }, "pricingType"],
    ["an empty name", { name: "  " }, "name"],
  ])("refuses %s", (_name, change, path) => {
    expect(issuesOf(offeringInput.safeParse({ ...validOffering, ...change }))).toContain(path);
  });

  it("lets embedded checkout go without a payment link", () => {
    expect(
      offeringInput.safeParse({ ...validOffering, channel: "STRIPE_EMBEDDED", paymentLink: "" })
        .success,
    ).toBe(true);
  });
});

describe("offeringWebhookBody", () => {
  it("accepts the flexible body and normalises status, email and currency", () => {
    const parsed = offeringWebhookBody.parse({
      status: " Succeeded ",
      user_email: "A@Example.COM",
      currency: "EUR",
      amount: 100,
    });
    expect(parsed).toMatchObject({
      status: "succeeded",
      user_email: "a@example.com",
      currency: "eur",
      amount: 100,
    });
  });

  it.each([
    ["no status", { purchase_id: "p" }],
    ["an unknown status", { status: "paid", purchase_id: "p" }],
    ["no way to find the purchase", { status: "succeeded", payment_id: "x" }],
    ["a decimal amount", { status: "succeeded", purchase_id: "p", amount: 19.99 }],
    ["a string amount", { status: "succeeded", purchase_id: "p", amount: "1999" }],
    ["a negative amount", { status: "succeeded", purchase_id: "p", amount: -5 }],
    ["a bad currency", { status: "succeeded", purchase_id: "p", currency: "euro" }],
    ["a bad email", { status: "succeeded", user_email: "not-an-email" }],
  ])("refuses %s", (_name, body) => {
    expect(offeringWebhookBody.safeParse(body).success).toBe(false);
  });
});

describe("auth input", () => {
  it("normalises emails and requires 8-character passwords", () => {
    expect(signUpSchema.parse({ email: " Ada@Example.com ", password: "12345678" }).email).toBe(
      "ada@example.com",
    );
    expect(signUpSchema.safeParse({ email: "ada@example.com", password: "short" }).success).toBe(
      false,
    );
  });

  it.each([
    ["/offerings/abc/checkout", "/offerings/abc/checkout"],
    ["https://evil.example.com", "/offerings"],
    ["//evil.example.com", "/offerings"],
    [undefined, "/offerings"],
  ])("keeps callback %j on this site as %j", (input, expected) => {
    expect(callbackUrl.parse(input)).toBe(expected);
  });
});
