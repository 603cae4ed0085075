/**
 * Promotion codes through the app's own code against the Stripe sandbox: a code made in Admin →
 * Discounts becomes a Coupon and a Promotion Code; the buyer types it on the sandbox's checkout
 * page; the signed events the sandbox recorded, delivered twice each, make a paid order with
 * the discount and a commission on the amount paid. An event whose discount matches no valid
 * code of the offering is refused.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { COMMISSION_RULES_KEY } from "@/lib/commissions/commission-rules";
import { createDiscount } from "@/lib/discounts/create-discount";
import { discountInput } from "@/lib/discounts/schemas";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { embeddedOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { recurringOffering, setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { checkoutSession, stripeEvent } from "../../../tooling/stripe";
import {
  applyEmbeddedPromotionCode,
  eventMark,
  eventsSince,
} from "@offerings/stripe-sandbox/testing";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);

const DAY = 86_400;

async function discount(fields: Record<string, unknown>) {
  const admin = await makeUser({ role: "ADMIN" });
  const input = discountInput.parse({ kind: "PERCENT", duration: "ONCE", ...fields });
  const created = await createDiscount({ input, actorId: admin.id });
  return db.discount.findUniqueOrThrow({ where: { id: created.id } });
}

/** A referrer at 10 % and a buyer who followed their link. */
async function referral() {
  await db.setting.create({
    data: {
      key: COMMISSION_RULES_KEY,
      value: { holdDays: 14, defaultRateBps: 1000, level2RateBps: 0, level3RateBps: 0 },
    },
  });
  const referrer = await makeUser({ email: "referrer@example.com" });
  await db.user.update({ where: { id: referrer.id }, data: { referralCode: "ref-code" } });
  const buyer = await makeUser({ email: "buyer@example.com" });
  return { referrer, buyer };
}

/** Every event the sandbox recorded since `mark`, each delivered twice, each answered 2xx. */
async function deliverTwice(mark: string | undefined) {
  for (const event of await eventsSince(stripe.stripe, mark)) {
    for (const copy of [1, 2]) {
      const answer = await deliverStripeEvent(event);
      expect(answer.status, `${event.type} #${copy}: ${JSON.stringify(answer.body)}`).toBe(200);
    }
  }
}

async function checkoutWithCode(userId: string, offeringId: string, code: string) {
  const started = await startEmbeddedCheckout({ userId, offeringId, referralCode: "ref-code" });
  if (!started.success) throw new Error("expected a checkout");
  const session = await stripe.stripe.checkout.sessions.retrieve(started.sessionId);
  expect(session.allow_promotion_codes).toBe(true);
  const applied = await applyEmbeddedPromotionCode(stripe.sandbox.url, session, code);
  expect(applied.status).toBe(200);
  await stripe.pay(session.id, "4242424242424242");
  return started;
}

describe("promotion codes at Stripe checkout", () => {
  it("a 20 % code limited to the offering: Stripe objects, a paid order with the discount, and 10 % commission on what was paid", async () => {
    const { offering } = await embeddedOffering({ priceAmount: 5000 });
    const code = await discount({ code: "spring20", percentOff: 20, offeringIds: [offering.id] });
    const product = (await db.offering.findUniqueOrThrow({ where: { id: offering.id } }))
      .stripeProductId;
    expect(await stripe.stripe.coupons.retrieve(code.stripeCouponId!)).toMatchObject({
      percent_off: 20,
      duration: "once",
      applies_to: { products: [product] },
    });
    expect(await stripe.stripe.promotionCodes.retrieve(code.stripePromotionCodeId!)).toMatchObject({
      code: "SPRING20",
      active: true,
      promotion: { coupon: code.stripeCouponId },
    });

    const { referrer, buyer } = await referral();
    const mark = await eventMark(stripe.stripe);
    const started = await checkoutWithCode(buyer.id, offering.id, "spring20");
    await deliverTwice(mark);

    const order = await db.order.findUniqueOrThrow({ where: { id: started.orderId } });
    expect(order).toMatchObject({
      status: "PAID",
      amount: 4000,
      discountAmount: 1000,
      discountCode: "SPRING20",
      discountId: code.id,
    });
    const commissions = await db.commission.findMany({ where: { orderId: order.id } });
    expect(commissions.map((entry) => [entry.beneficiaryId, entry.amount])).toEqual([
      [referrer.id, 400],
    ]);
    expect(
      (await stripe.stripe.promotionCodes.retrieve(code.stripePromotionCodeId!)).times_redeemed,
    ).toBe(1);
  });

  it("refuses a paid session whose discount matches no valid code of the offering, and grants nothing", async () => {
    const { offering } = await embeddedOffering({ priceAmount: 5000 });
    const other = (await embeddedOffering({ name: "Other" })).offering;
    const code = await discount({ code: "TWENTY", percentOff: 20, offeringIds: [offering.id] });
    const elsewhere = await discount({
      code: "ELSEWHERE",
      percentOff: 50,
      offeringIds: [other.id],
    });
    const { buyer } = await referral();
    const started = await startEmbeddedCheckout({ userId: buyer.id, offeringId: offering.id });
    if (!started.success) throw new Error("expected a checkout");

    const tampered = (discounted: number, promotionCode: string | null) =>
      stripeEvent("checkout.session.completed", {
        ...checkoutSession({ orderId: started.orderId, amount: 5000 - discounted }),
        metadata: { orderId: started.orderId, offeringId: offering.id },
        amount_subtotal: 5000,
        total_details: { amount_discount: discounted, amount_shipping: 0, amount_tax: 0 },
        discounts: [{ coupon: null, promotion_code: promotionCode }],
      } as never);
    for (const event of [
      tampered(2500, code.stripePromotionCodeId), // our code, but 50 % instead of 20 %
      tampered(2500, elsewhere.stripePromotionCodeId), // a real 50 % code of another offering
      tampered(1000, "promo_unknown"), // not one of ours
    ]) {
      const answer = await deliverStripeEvent(event);
      expect(answer.status).toBe(422);
      expect(answer.body.error).toBe("amount_mismatch");
    }
    const order = await db.order.findUniqueOrThrow({ where: { id: started.orderId } });
    expect(order).toMatchObject({ status: "PENDING", amount: 5000, discountAmount: 0 });
    expect(await db.membership.count({ where: { userId: buyer.id } })).toBe(0);

    // The honest one still goes through.
    const honest = await deliverStripeEvent(tampered(1000, code.stripePromotionCodeId));
    expect(honest.status).toBe(200);
    expect(await db.order.findUniqueOrThrow({ where: { id: started.orderId } })).toMatchObject({
      status: "PAID",
      amount: 4000,
      discountCode: "TWENTY",
    });
  });
});

describe("promotion codes on subscriptions", () => {
  it("a code for 2 months: the first two invoices' orders carry it, the third is full price", async () => {
    const { offering } = await recurringOffering("STRIPE_EMBEDDED");
    await discount({
      code: "TWOMONTHS",
      percentOff: 25,
      duration: "REPEATING",
      durationInMonths: 2,
    });
    const { referrer, buyer } = await referral();
    const mark = await eventMark(stripe.stripe);
    await checkoutWithCode(buyer.id, offering.id, "twomonths");
    stripe.sandbox.advanceClock(31 * DAY);
    stripe.sandbox.advanceClock(31 * DAY);
    await deliverTwice(mark);

    const orders = await db.order.findMany({
      where: { userId: buyer.id, status: "PAID" },
      orderBy: { paidAt: "asc" },
    });
    expect(orders.map((order) => [order.amount, order.discountAmount, order.discountCode])).toEqual(
      [
        [1425, 475, "TWOMONTHS"],
        [1425, 475, "TWOMONTHS"],
        [1900, 0, null],
      ],
    );
    const commissions = await db.commission.findMany({
      where: { beneficiaryId: referrer.id },
      orderBy: { createdAt: "asc" },
    });
    expect(commissions.map((entry) => entry.amount).sort()).toEqual([142, 142, 190]);
  });
});
