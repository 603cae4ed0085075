/**
 * Admin refunds beyond the happy Stripe path (stripe-refund.test.ts): purchases paid through an
 * external link, purchases not paid yet, and a Stripe refund that fails. The Stripe client talks
 * to the local sandbox; nothing is mocked. The error answers are what the refund route sends.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError, errorResponse } from "@/lib/errors";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { refundPurchaseAsAdmin } from "@/lib/purchases/refund-purchase-as-admin";
import { completePurchase } from "@/lib/purchases/complete-purchase";
import { makeUser, pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent, purchaseRows } from "../../helpers/stripe-webhook";

const sandbox = setUpStripeSandbox();

beforeEach(resetDatabase);

/** What the refund route answers for what refundPurchaseAsAdmin threw. */
async function answerFor(error: unknown) {
  const response = errorResponse(error);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function refundFails(purchaseId: string, adminId: string) {
  const error = await refundPurchaseAsAdmin({ purchaseId, adminId }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, "the refund should have failed").not.toBeNull();
  return error;
}

/** Refunds the sandbox has recorded, whoever asked for them. */
async function sandboxRefundCount() {
  const events = await sandbox.stripe.events.list({ type: "refund.created", limit: 100 });
  return events.data.length;
}

/** A purchase paid through the offering's external link, as the provider's webhook completes it. */
async function paidExternalPurchase() {
  const scenario = await pendingPurchaseScenario();
  const completed = await db.$transaction((tx) =>
    completePurchase(tx, {
      purchaseId: scenario.purchaseId,
      orderId: scenario.orderId,
      payment: { amount: 4900, currency: "usd", providerCaptureId: "ext_pay_1" },
      cause: "test: provider reported succeeded",
    }),
  );
  expect(completed.outcome).toBe("PROCESSED");
  expect(await hasCommunityAccess(scenario.user.id, scenario.community.id)).toBe(true);
  return scenario;
}

describe("admin refund of an external-link purchase", () => {
  it("marks purchase and order refunded, revokes access, records the admin, and calls no provider", async () => {
    const { user, community, purchaseId, orderId } = await paidExternalPurchase();
    const admin = await makeUser({ role: "ADMIN" });

    const refunded = await refundPurchaseAsAdmin({ purchaseId, adminId: admin.id });

    expect(refunded).toEqual({ purchaseId, status: "refunded", provider: "external" });
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("REFUNDED");
    expect(rows.purchase.refundedAt).not.toBeNull();
    expect(rows.orders.map((order) => [order.id, order.status])).toEqual([[orderId, "REFUNDED"]]);
    expect(rows.memberships.map((membership) => membership.revokedAt !== null)).toEqual([true]);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
    const revokes = await db.accessEvent.findMany({ where: { purchaseId, action: "REVOKE" } });
    expect(
      revokes.map((entry) => [entry.userId, entry.communityId, entry.actorId, entry.cause]),
    ).toEqual([[user.id, community.id, admin.id, "admin refund"]]);
    // The money goes back in the provider's own dashboard: Stripe was not asked.
    expect(await sandboxRefundCount()).toBe(0);

    const again = await refundFails(purchaseId, admin.id);
    expect(again).toBeInstanceOf(AppError);
    expect(await answerFor(again)).toMatchObject({
      status: 409,
      body: { error: "already_refunded" },
    });
    expect((await purchaseRows(purchaseId)).revokes).toBe(1);
  });
});

describe("admin refund of a purchase not paid yet", () => {
  it("answers 409 and leaves the pending purchase and order as they were", async () => {
    const { user, community, purchaseId } = await pendingPurchaseScenario();
    const admin = await makeUser({ role: "ADMIN" });
    const before = await purchaseRows(purchaseId);

    const error = await refundFails(purchaseId, admin.id);

    expect(error).toBeInstanceOf(AppError);
    expect(await answerFor(error)).toEqual({
      status: 409,
      body: { error: "conflict", message: "Only paid purchases can be refunded.", details: {} },
    });
    const after = await purchaseRows(purchaseId);
    expect(after.purchase).toEqual(before.purchase);
    expect(after.orders).toEqual(before.orders);
    expect(after.orders.map((order) => order.status)).toEqual(["PENDING"]);
    expect([after.grants, after.revokes]).toEqual([0, 0]);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
    expect(await sandboxRefundCount()).toBe(0);
  });
});

describe("admin refund when Stripe refuses the refund", () => {
  it("rolls back: the purchase stays paid, access is kept, and the admin gets an error", async () => {
    const { community, user, checkout } = await sandbox.paidPurchase();
    const admin = await makeUser({ role: "ADMIN" });
    const before = await purchaseRows(checkout.purchaseId);
    const intentId = String(before.orders[0].providerCaptureId);
    // Someone refunded the payment in Stripe's dashboard: Stripe now answers the app's refund
    // with charge_already_refunded.
    await sandbox.stripe.refunds.create({ payment_intent: intentId });

    const error = await refundFails(checkout.purchaseId, admin.id);

    expect(error).toMatchObject({ code: "already_refunded", status: 409 });
    expect(await answerFor(error)).toMatchObject({
      status: 409,
      body: {
        error: "already_refunded",
        message: expect.stringContaining("Stripe says this payment is already refunded"),
      },
    });
    const after = await purchaseRows(checkout.purchaseId);
    expect(after.purchase).toEqual(before.purchase);
    expect(after.purchase.status).toBe("SUCCEEDED");
    expect(after.orders).toEqual(before.orders);
    expect(after.orders.map((order) => order.status)).toEqual(["PAID"]);
    expect(after.memberships).toEqual(before.memberships);
    expect([after.grants, after.revokes]).toEqual([1, 0]);
    expect(await sandboxRefundCount()).toBe(1); // the dashboard's only
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);

    // The charge.refunded Stripe sends for the dashboard refund is what revokes, once.
    const refundEvent = await sandbox.event(
      "charge.refunded",
      (object) => object.payment_intent === intentId,
    );
    expect(await deliverStripeEvent(refundEvent)).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "processed" },
    });
    const refunded = await purchaseRows(checkout.purchaseId);
    expect(refunded.purchase.status).toBe("REFUNDED");
    expect(refunded.revokes).toBe(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });
});
