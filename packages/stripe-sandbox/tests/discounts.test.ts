import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpSandboxSuite } from "./helpers/suite";
import { recurringPrice } from "./helpers/subscriptions";
import {
  applyEmbeddedPromotionCode,
  submitEmbeddedCheckout,
  submitHostedCheckout,
} from "../testing/checkout";

const suite = setUpSandboxSuite();
let stripe: Stripe;
beforeAll(() => {
  stripe = suite.stripe;
});

const DAY = 86_400;
let counter = 0;
const uniqueCode = (prefix: string) => `${prefix}${Date.now().toString(36)}${counter++}`;

async function product(name = "Course") {
  return stripe.products.create({ name });
}

function embeddedSession(productId: string, amount = 5000) {
  return stripe.checkout.sessions.create({
    mode: "payment",
    ui_mode: "embedded_page",
    allow_promotion_codes: true,
    line_items: [
      { quantity: 1, price_data: { currency: "usd", unit_amount: amount, product: productId } },
    ],
    return_url: "http://localhost:3000/return?session_id={CHECKOUT_SESSION_ID}",
  });
}

async function promotionCode(
  coupon: Stripe.CouponCreateParams,
  code: Partial<Stripe.PromotionCodeCreateParams> = {},
) {
  const created = await stripe.coupons.create(coupon);
  return stripe.promotionCodes.create({
    promotion: { type: "coupon", coupon: created.id },
    code: uniqueCode("SAVE"),
    ...code,
  });
}

describe("coupons and promotion codes", () => {
  it("creates, retrieves and lists them in Stripe's shapes", async () => {
    const coupon = await stripe.coupons.create({
      percent_off: 20,
      duration: "repeating",
      duration_in_months: 3,
      max_redemptions: 5,
      name: "Spring",
    });
    expect(coupon).toMatchObject({
      object: "coupon",
      percent_off: 20,
      amount_off: null,
      duration: "repeating",
      duration_in_months: 3,
      times_redeemed: 0,
      valid: true,
    });
    const code = await stripe.promotionCodes.create({
      promotion: { type: "coupon", coupon: coupon.id },
      code: uniqueCode("SPRING"),
    });
    expect(code).toMatchObject({
      object: "promotion_code",
      active: true,
      promotion: { type: "coupon", coupon: coupon.id },
      times_redeemed: 0,
    });
    expect((await stripe.promotionCodes.retrieve(code.id)).code).toBe(code.code);
    const listed = await stripe.promotionCodes.list({ code: code.code });
    expect(listed.data.map((entry) => entry.id)).toEqual([code.id]);
    await expect(
      stripe.coupons.create({ percent_off: 10, amount_off: 100, currency: "usd" }),
    ).rejects.toThrow(/only specify one of/);
    await expect(stripe.coupons.create({ duration: "repeating", percent_off: 5 })).rejects.toThrow(
      /duration_in_months/,
    );
  });

  it("takes the code on the embedded page, charges the discounted total and counts the redemption", async () => {
    const course = await product();
    const code = await promotionCode({ percent_off: 20 }, { max_redemptions: 1 });
    const session = await embeddedSession(course.id);
    expect(session.allow_promotion_codes).toBe(true);

    const page = await fetch(
      `${suite.sandbox.url}/embedded/${session.id}?client_secret=${session.client_secret}`,
    );
    expect(await page.text()).toContain("Promotion code");
    const applied = await applyEmbeddedPromotionCode(
      suite.sandbox.url,
      session,
      code.code.toLowerCase(),
    );
    expect(applied).toEqual({ status: 200, body: { outcome: "updated" } });
    const discounted = await stripe.checkout.sessions.retrieve(session.id);
    expect(discounted).toMatchObject({
      amount_subtotal: 5000,
      amount_total: 4000,
      total_details: { amount_discount: 1000 },
      discounts: [{ coupon: code.promotion.coupon, promotion_code: code.id }],
    });
    const after = await fetch(
      `${suite.sandbox.url}/embedded/${session.id}?client_secret=${session.client_secret}`,
    );
    expect(await after.text()).toContain(`Discount (${code.code})`);

    await submitEmbeddedCheckout(suite.sandbox.url, discounted, { cardNumber: "4242424242424242" });
    const paid = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ["payment_intent"],
    });
    expect(paid.payment_status).toBe("paid");
    expect((paid.payment_intent as Stripe.PaymentIntent).amount).toBe(4000);
    expect((await stripe.promotionCodes.retrieve(code.id)).times_redeemed).toBe(1);
    expect((await stripe.coupons.retrieve(String(code.promotion.coupon))).times_redeemed).toBe(1);

    // max_redemptions 1: used up for the next buyer.
    const next = await embeddedSession(course.id);
    const refused = await applyEmbeddedPromotionCode(suite.sandbox.url, next, code.code);
    expect(refused).toEqual({
      status: 400,
      body: { outcome: "error", message: "This code has been used up." },
    });
    expect((await stripe.checkout.sessions.retrieve(next.id)).amount_total).toBe(5000);
  });

  it("refuses unknown, expired, turned-off and other products' codes", async () => {
    const course = await product();
    const other = await product("Other");
    const url = suite.sandbox.url;
    const expiring = await promotionCode(
      { percent_off: 10 },
      { expires_at: suite.sandbox.now() + DAY },
    );
    suite.sandbox.advanceClock(2 * DAY);
    const session = await embeddedSession(course.id);
    expect((await applyEmbeddedPromotionCode(url, session, "NOPE")).body.message).toBe(
      "This code is invalid.",
    );
    expect((await applyEmbeddedPromotionCode(url, session, expiring.code)).body.message).toBe(
      "This code has expired.",
    );

    const off = await promotionCode({ percent_off: 10 });
    await stripe.promotionCodes.update(off.id, { active: false });
    expect((await applyEmbeddedPromotionCode(url, session, off.code)).body.message).toBe(
      "This code is invalid.",
    );

    const elsewhere = await promotionCode({
      percent_off: 10,
      applies_to: { products: [other.id] },
    });
    expect((await applyEmbeddedPromotionCode(url, session, elsewhere.code)).body.message).toMatch(
      /does not apply/,
    );

    const euros = await promotionCode({ amount_off: 500, currency: "eur" });
    expect((await applyEmbeddedPromotionCode(url, session, euros.code)).body.message).toBe(
      "This code is invalid.",
    );

    const mine = await promotionCode({
      amount_off: 700,
      currency: "usd",
      applies_to: { products: [course.id] },
    });
    expect((await applyEmbeddedPromotionCode(url, session, mine.code)).status).toBe(200);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      amount_total: 4300,
    });
  });

  it("applies `discounts` given at creation, on the hosted page too", async () => {
    const course = await product();
    const code = await promotionCode({ amount_off: 1000, currency: "usd" });
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      discounts: [{ promotion_code: code.id }],
      line_items: [
        { quantity: 1, price_data: { currency: "usd", unit_amount: 2500, product: course.id } },
      ],
      success_url: "http://localhost:3000/ok",
    });
    expect(session).toMatchObject({ amount_total: 1500, total_details: { amount_discount: 1000 } });
    const result = await submitHostedCheckout(suite.sandbox.url, session.id, {
      cardNumber: "4242424242424242",
    });
    expect(result.status).toBe(303);
  });
});

describe("discounts on subscriptions", () => {
  it("a repeating coupon discounts the invoices of its months, then stops", async () => {
    const { price } = await recurringPrice(stripe, { amount: 2000 });
    const code = await promotionCode({
      percent_off: 25,
      duration: "repeating",
      duration_in_months: 2,
    });
    const customer = await stripe.customers.create({ email: "coupon@example.com" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      ui_mode: "embedded_page",
      customer: customer.id,
      allow_promotion_codes: true,
      line_items: [{ price: price.id, quantity: 1 }],
      return_url: "http://localhost:3000/return?session_id={CHECKOUT_SESSION_ID}",
    });
    await applyEmbeddedPromotionCode(suite.sandbox.url, session, code.code);
    await submitEmbeddedCheckout(suite.sandbox.url, session, { cardNumber: "4242424242424242" });
    const completed = await stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({
      amount_total: 1500,
      total_details: { amount_discount: 500 },
    });
    const subscription = await stripe.subscriptions.retrieve(String(completed.subscription));
    expect(subscription.discounts).toHaveLength(1);

    for (let month = 0; month < 3; month++) suite.sandbox.advanceClock(31 * DAY);
    const invoices = await stripe.invoices.list({ subscription: subscription.id, limit: 10 });
    const totals = invoices.data
      .slice()
      .reverse()
      .map((invoice) => [invoice.subtotal, invoice.total, invoice.amount_paid]);
    expect(totals).toEqual([
      [2000, 1500, 1500],
      [2000, 1500, 1500],
      [2000, 2000, 2000],
      [2000, 2000, 2000],
    ]);
    const first = invoices.data[invoices.data.length - 1];
    expect(first.total_discount_amounts).toEqual([
      { amount: 500, discount: subscription.discounts[0] },
    ]);
    expect(first.discounts).toEqual(subscription.discounts);
  });
});
