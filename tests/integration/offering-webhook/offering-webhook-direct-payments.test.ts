/**
 * External links as buyers use them: paying at the seller's link without pressing Proceed,
 * payments for addresses with no verified account yet, monthly renewals, and deduplication
 * of deliveries that carry no payment id.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addBillingPeriod } from "@/lib/calendar/add-billing-period";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { confirmEmailOwnership } from "@/lib/users/confirm-email-ownership";
import { signUp } from "@/lib/auth/sign-up";
import {
  makeCommunity,
  makeOffering,
  makeUser,
  pendingPurchaseScenario,
} from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

async function offeringWithCommunity(overrides: Parameters<typeof makeOffering>[0] = {}) {
  const community = await makeCommunity();
  const offering = await makeOffering({ communityIds: [community.id], ...overrides });
  return { community, offering };
}

describe("finding the purchase", () => {
  it("finds the pending purchase by user_id, the paid one to refund by user_email, and refuses a purchase of another user (user_mismatch)", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario();
    const secret = offering.webhookSecret;
    const byId = await postOfferingWebhook(
      offering.id,
      { status: "succeeded", user_id: user.id, payment_id: "pay_uid" },
      { secret },
    );
    expect(byId).toMatchObject({ status: 200, body: { purchase_id: purchaseId } });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);

    const byEmail = await postOfferingWebhook(
      offering.id,
      { status: "refunded", user_email: user.email.toUpperCase() },
      { secret },
    );
    expect(byEmail).toMatchObject({ status: 200, body: { purchase_id: purchaseId } });
    expect((await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } })).status).toBe(
      "REFUNDED",
    );

    const stranger = await pendingPurchaseScenario({ name: "Same offering, other buyer" });
    const mismatch = await postOfferingWebhook(
      offering.id,
      {
        status: "succeeded",
        purchase_id: purchaseId,
        user_id: stranger.user.id,
        payment_id: "pay_x",
      },
      { secret },
    );
    expect(mismatch).toMatchObject({
      status: 422,
      body: { error: "validation_failed", message: "The purchase belongs to another user." },
    });
  });
});

describe("paying without pressing Proceed", () => {
  it("a succeeded payment naming a verified user by email makes the purchase and order from the offering and grants", async () => {
    const { community, offering } = await offeringWithCommunity();
    const user = await makeUser();
    const body = {
      status: "succeeded",
      user_email: user.email,
      payment_id: "pay_direct_1",
      amount: 4900,
      currency: "usd",
    };
    const answer = await postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret });
    expect(answer).toMatchObject({ status: 200, body: { outcome: "processed", duplicate: false } });
    const purchases = await db.purchase.findMany({
      where: { userId: user.id },
      include: { orders: true },
    });
    expect(
      purchases.map((purchase) => [
        purchase.status,
        purchase.orders.map((order) => [order.status, order.amount, order.providerCaptureId]),
      ]),
    ).toEqual([["SUCCEEDED", [["PAID", 4900, "pay_direct_1"]]]]);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    expect(
      (await postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret })).body,
    ).toMatchObject({ duplicate: true });
    expect(await db.purchase.count()).toBe(1);
  });

  it("finds the user by user_id too, and refuses a wrong amount (422, nothing made)", async () => {
    const { offering } = await offeringWithCommunity();
    const user = await makeUser();
    const wrong = await postOfferingWebhook(
      offering.id,
      { status: "succeeded", user_id: user.id, payment_id: "pay_cheap", amount: 100 },
      { secret: offering.webhookSecret },
    );
    expect(wrong).toMatchObject({ status: 422, body: { error: "amount_mismatch" } });
    expect(await db.purchase.count()).toBe(0);
    const right = await postOfferingWebhook(
      offering.id,
      { status: "succeeded", user_id: user.id, payment_id: "pay_right" },
      { secret: offering.webhookSecret },
    );
    expect(right.status).toBe(200);
    expect(await db.purchase.count({ where: { userId: user.id, status: "SUCCEEDED" } })).toBe(1);
  });

  it("answers 422 without a payment id, saying why, and makes nothing", async () => {
    const { offering } = await offeringWithCommunity();
    const user = await makeUser();
    const answer = await postOfferingWebhook(
      offering.id,
      { status: "succeeded", user_email: user.email },
      { secret: offering.webhookSecret },
    );
    expect(answer).toMatchObject({
      status: 422,
      body: { error: "validation_failed", details: { field: "payment_id" } },
    });
    expect(String(answer.body.message)).toContain("retry and a second real payment look the same");
    expect(await db.purchase.count()).toBe(0);
  });

  it("keeps a payment for an email with no account unclaimed, and grants it when that address is verified, not when a password sign-up claims it", async () => {
    const { community, offering } = await offeringWithCommunity();
    const email = "newcomer@example.com";
    const body = {
      status: "succeeded",
      user_email: email,
      payment_id: "pay_newcomer",
      amount: 4900,
      currency: "usd",
    };
    const kept = await postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret });
    expect(kept).toMatchObject({ status: 202, body: { outcome: "unclaimed", purchase_id: null } });

    const { userId } = await signUp({ email, password: "correct-horse-battery", name: "New" });
    expect(await db.purchase.count({ where: { userId } })).toBe(0);
    expect(await hasCommunityAccess(userId, community.id)).toBe(false);

    await confirmEmailOwnership({ userId, keepPassword: true });
    expect(await hasCommunityAccess(userId, community.id)).toBe(true);
    const orders = await db.order.findMany({ where: { userId } });
    expect(orders.map((order) => [order.status, order.amount, order.providerOrderId])).toEqual([
      ["PAID", 4900, "pay_newcomer"],
    ]);
    expect(await db.unclaimedPayment.findFirstOrThrow()).toMatchObject({
      claimedAt: expect.any(Date),
    });
  });

  it("an unclaimed payment refunded before it is claimed is never granted", async () => {
    const { community, offering } = await offeringWithCommunity();
    const email = "refunded@example.com";
    await postOfferingWebhook(
      offering.id,
      {
        status: "succeeded",
        user_email: email,
        payment_id: "pay_gone",
        amount: 4900,
        currency: "usd",
      },
      { secret: offering.webhookSecret },
    );
    const refund = await postOfferingWebhook(
      offering.id,
      { status: "refunded", user_email: email, payment_id: "pay_gone" },
      { secret: offering.webhookSecret },
    );
    expect(refund.status).toBe(200);
    const { userId } = await signUp({ email, password: "correct-horse-battery", name: "Refunded" });
    await confirmEmailOwnership({ userId, keepPassword: true });
    expect(await hasCommunityAccess(userId, community.id)).toBe(false);
    expect(await db.purchase.count({ where: { userId } })).toBe(0);
  });
});

describe("monthly offerings paid through an external link", () => {
  it("each distinct payment extends by one period from the later of now and the current end; canceled keeps access; refunded revokes", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario({
      pricingType: "MONTHLY",
    });
    const post = (body: object) =>
      postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret });
    await post({ status: "succeeded", purchase_id: purchaseId, payment_id: "month_1" });
    const first = (await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } })).expiresAt!;

    expect(
      (await post({ status: "succeeded", purchase_id: purchaseId, payment_id: "month_2" })).status,
    ).toBe(200);
    const second = (await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } })).expiresAt!;
    const expected = addBillingPeriod(first, "month");
    expect(second.toISOString()).toBe(expected.toISOString());
    expect(
      (await post({ status: "succeeded", purchase_id: purchaseId, payment_id: "month_2" })).body,
    ).toMatchObject({ duplicate: true });
    expect(await db.order.count({ where: { purchaseId, status: "PAID" } })).toBe(2);
    const trail = await db.accessEvent.findMany({
      where: { purchaseId },
      select: { action: true },
    });
    expect(trail.map((entry) => entry.action)).toEqual(["GRANT", "EXTEND"]);
    expect(
      (await db.membership.findFirstOrThrow({ where: { purchaseId } })).expiresAt?.toISOString(),
    ).toBe(expected.toISOString());

    expect((await post({ status: "cancelled", purchase_id: purchaseId })).status).toBe(200);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    expect(
      (await post({ status: "refunded", purchase_id: purchaseId, payment_id: "month_2" })).status,
    ).toBe(200);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("a renewal paid without Proceed extends the buyer's paid purchase instead of making a second one", async () => {
    const { offering, user, purchaseId } = await pendingPurchaseScenario({ pricingType: "YEARLY" });
    const post = (body: object) =>
      postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret });
    await post({ status: "succeeded", purchase_id: purchaseId, payment_id: "year_1" });
    await post({ status: "succeeded", user_email: user.email, payment_id: "year_2" });
    expect(await db.purchase.count({ where: { userId: user.id } })).toBe(1);
    const purchase = await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } });
    expect(purchase.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 700 * 86_400_000);
  });
});

describe("deduplication of deliveries without a payment id", () => {
  it("keys on the purchase they resolve to: the same body for a later purchase is applied, a repeat for the same purchase is a duplicate", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario();
    const post = (body: object) =>
      postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret });
    await post({ status: "succeeded", purchase_id: purchaseId, payment_id: "first_payment" });
    const refund = { status: "refunded", user_email: user.email };
    expect((await post(refund)).body).toMatchObject({ duplicate: false, purchase_id: purchaseId });
    expect((await post(refund)).body).toMatchObject({ duplicate: true, purchase_id: purchaseId });

    await post({ status: "succeeded", user_email: user.email, payment_id: "second_payment" });
    const second = await db.purchase.findFirstOrThrow({
      where: { userId: user.id, status: "SUCCEEDED" },
    });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    const again = await post(refund);
    expect(again.body).toMatchObject({ duplicate: false, purchase_id: second.id });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });
});
