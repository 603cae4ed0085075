/**
 * External-link offerings and promotion codes: a delivery may report a discounted amount only
 * when the seller switched "Accept discounted payments" on, and no lower than the price less the
 * largest live code for the offering. Codes limited to external offerings never reach Stripe.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDiscount } from "@/lib/discounts/create-discount";
import { discountInput } from "@/lib/discounts/schemas";
import { makeUser, pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";

// Codes for every offering are made at Stripe too.
setUpStripeSandbox();
beforeEach(resetDatabase);

async function discount(fields: Record<string, unknown>) {
  const admin = await makeUser({ role: "ADMIN" });
  const input = discountInput.parse({ kind: "PERCENT", duration: "ONCE", ...fields });
  return createDiscount({ input, actorId: admin.id });
}

const paid = (purchaseId: string, amount: number, extra: Record<string, unknown> = {}) => ({
  status: "succeeded",
  purchase_id: purchaseId,
  payment_id: `pay_${purchaseId}_${amount}`,
  amount,
  currency: "usd",
  ...extra,
});

describe("discounted payments on the external webhook", () => {
  it("accepted down to the largest live code when the offering accepts discounts, and recorded on the order", async () => {
    const { offering, purchaseId, orderId } = await pendingPurchaseScenario({
      priceAmount: 5000,
      acceptsDiscounts: true,
    });
    await discount({ code: "TEN", percentOff: 10 });
    const made = await discount({ code: "QUARTER", percentOff: 25, offeringIds: [offering.id] });
    // Limited to an external offering: ours alone, nothing at Stripe.
    expect(await db.discount.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({
      stripeCouponId: null,
      stripePromotionCodeId: null,
    });
    const secret = { secret: offering.webhookSecret };

    const tooDeep = await postOfferingWebhook(offering.id, paid(purchaseId, 3000), secret);
    expect(tooDeep.status).toBe(422);
    expect(tooDeep.body.error).toBe("amount_mismatch");

    const body = paid(purchaseId, 3750, { discount_code: "quarter" });
    for (const copy of [1, 2]) {
      const answer = await postOfferingWebhook(offering.id, body, secret);
      expect(answer.status, `copy ${copy}`).toBe(200);
    }
    expect(await db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({
      status: "PAID",
      amount: 3750,
      discountAmount: 1250,
      discountCode: "QUARTER",
      discountId: made.id,
    });
  });

  it("refused when the seller did not switch discounts on, or when no live code allows it", async () => {
    const closed = await pendingPurchaseScenario({ priceAmount: 5000 });
    await discount({ code: "HALF", percentOff: 50 });
    const refused = await postOfferingWebhook(closed.offering.id, paid(closed.purchaseId, 4000), {
      secret: closed.offering.webhookSecret,
    });
    expect(refused.status).toBe(422);

    const open = await pendingPurchaseScenario({ priceAmount: 5000, acceptsDiscounts: true });
    await db.discount.updateMany({ data: { active: false } });
    const noCode = await postOfferingWebhook(open.offering.id, paid(open.purchaseId, 4000), {
      secret: open.offering.webhookSecret,
    });
    expect(noCode.status).toBe(422);
    expect((await db.purchase.findUniqueOrThrow({ where: { id: open.purchaseId } })).status).toBe(
      "PENDING",
    );
  });
});
