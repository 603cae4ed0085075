import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { rotateWebhookSecret } from "@/lib/offerings/rotate-webhook-secret";
import { makeOffering, pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

async function accessRows(purchaseId: string) {
  const [memberships, purchase, orders, events] = await Promise.all([
    db.membership.findMany({ where: { purchaseId } }),
    db.purchase.findUniqueOrThrow({ where: { id: purchaseId } }),
    db.order.findMany({ where: { purchaseId } }),
    db.processedEvent.findMany({ where: { purchaseId } }),
  ]);
  return { memberships, purchase, orders, events };
}

describe("generic offering webhook", () => {
  it("grants access once for a succeeded payment and answers received", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario({
      accessDurationDays: 30,
    });
    const body = {
      status: "succeeded",
      purchase_id: purchaseId,
      payment_id: "pay_1",
      amount: 4900,
      currency: "USD",
    };

    const response = await postOfferingWebhook(offering.id, body, {
      secret: offering.webhookSecret,
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      received: true,
      duplicate: false,
      purchase_id: purchaseId,
    });
    const rows = await accessRows(purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    expect(Math.abs(rows.purchase.accessGrantedAt!.getTime() - Date.now())).toBeLessThan(10_000);
    const days =
      (rows.purchase.expiresAt!.getTime() - rows.purchase.accessGrantedAt!.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 5);
    expect(rows.orders.map((order) => [order.status, order.providerCaptureId])).toEqual([
      ["PAID", "pay_1"],
    ]);
    expect(rows.memberships).toHaveLength(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });

  it("accepts the secret as a bearer token and finds the purchase by user email", async () => {
    const { offering, user, purchaseId } = await pendingPurchaseScenario();
    const response = await postOfferingWebhook(
      offering.id,
      { status: "succeeded", user_email: user.email.toUpperCase() },
      { secret: offering.webhookSecret, bearer: true },
    );
    expect(response.status).toBe(200);
    expect(response.body.purchase_id).toBe(purchaseId);
  });

  it("grants exactly once under 200 concurrent identical deliveries, with no 5xx", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const body = {
      status: "succeeded",
      purchase_id: purchaseId,
      external_payment_id: "ext_42",
      amount: 4900,
    };

    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret }),
      ),
    );

    expect(responses.filter((response) => response.status !== 200)).toEqual([]);
    expect(responses.filter((response) => response.body.duplicate === false)).toHaveLength(1);
    const rows = await accessRows(purchaseId);
    expect(rows.memberships).toHaveLength(1);
    expect(rows.events).toHaveLength(1);
    expect(rows.events[0].outcome).toBe("PROCESSED");
    expect(await db.accessEvent.count({ where: { purchaseId, action: "GRANT" } })).toBe(1);
  });

  it("refuses a wrong secret, another offering's secret and a missing one with 401", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const other = await makeOffering({ name: "Other" });
    const body = { status: "succeeded", purchase_id: purchaseId };

    for (const secret of ["whsec_wrong", other.webhookSecret, null]) {
      const response = await postOfferingWebhook(offering.id, body, { secret });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: "unauthorized", details: {} });
      expect(typeof response.body.message).toBe("string");
    }
    expect((await accessRows(purchaseId)).purchase.status).toBe("PENDING");
    expect(await db.processedEvent.count()).toBe(0);
  });

  it("answers 404 for an unknown offering", async () => {
    const response = await postOfferingWebhook(
      "no-such-offering",
      { status: "succeeded", user_id: "x" },
      { secret: "whsec_x" },
    );
    expect(response.status).toBe(404);
    expect(response.body.error).toBe("not_found");
  });

  it.each([
    ["amount", { amount: 100 }],
    ["currency", { currency: "eur" }],
  ])("refuses a %s mismatch with 422, grants nothing and records it", async (_field, tampered) => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const body = {
      status: "succeeded",
      purchase_id: purchaseId,
      payment_id: "pay_t",
      amount: 4900,
      currency: "usd",
      ...tampered,
    };

    const response = await postOfferingWebhook(offering.id, body, {
      secret: offering.webhookSecret,
    });

    expect(response.status).toBe(422);
    expect(response.body.error).toBe("amount_mismatch");
    expect(response.body.details).toMatchObject({ expected: { amount: 4900, currency: "usd" } });
    const rows = await accessRows(purchaseId);
    expect(rows.purchase.status).toBe("PENDING");
    expect(rows.memberships).toHaveLength(0);
    expect(rows.events.map((event) => [event.outcome, event.error])).toEqual([
      ["FAILED", "amount_mismatch"],
    ]);

    // The honest delivery of the same payment still goes through afterwards.
    const honest = { ...body, amount: 4900, currency: "usd" };
    const retry = await postOfferingWebhook(offering.id, honest, {
      secret: offering.webhookSecret,
    });
    expect(retry.status).toBe(200);
    expect((await accessRows(purchaseId)).memberships).toHaveLength(1);
  });

  it("revokes access on refund, and a late success delivery grants nothing", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario();
    const secret = offering.webhookSecret;
    const paid = { status: "succeeded", purchase_id: purchaseId, payment_id: "pay_r" };
    expect((await postOfferingWebhook(offering.id, paid, { secret })).status).toBe(200);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    expect((await accessRows(purchaseId)).memberships).toHaveLength(1);

    const refund = await postOfferingWebhook(
      offering.id,
      { status: "refunded", purchase_id: purchaseId, payment_id: "pay_r" },
      { secret },
    );
    expect(refund.status).toBe(200);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);

    for (const late of [paid, { ...paid, payment_id: "pay_other" }]) {
      const response = await postOfferingWebhook(offering.id, late, { secret });
      expect(response.status).toBe(200);
    }
    const rows = await accessRows(purchaseId);
    expect(rows.purchase.status).toBe("REFUNDED");
    expect(rows.orders.map((order) => order.status)).toEqual(["REFUNDED"]);
    expect(rows.memberships).toHaveLength(1);
    expect(rows.memberships[0].revokedAt).toBeInstanceOf(Date);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("leaves no access when the refund arrives before the success", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario();
    const secret = offering.webhookSecret;
    const refund = await postOfferingWebhook(
      offering.id,
      { status: "refunded", purchase_id: purchaseId },
      { secret },
    );
    expect(refund).toMatchObject({
      status: 200,
      body: { outcome: "processed", purchase_id: purchaseId },
    });
    const late = await postOfferingWebhook(
      offering.id,
      { status: "succeeded", purchase_id: purchaseId },
      { secret },
    );
    expect(late).toMatchObject({
      status: 200,
      body: { outcome: "processed", purchase_id: purchaseId },
    });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
    const rows = await accessRows(purchaseId);
    expect(rows.purchase.status).toBe("REFUNDED");
    expect(rows.memberships).toHaveLength(0);
  });

  it("marks purchase and order failed on a failed payment", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const response = await postOfferingWebhook(
      offering.id,
      { status: "failed", purchase_id: purchaseId },
      { secret: offering.webhookSecret },
    );
    expect(response.status).toBe(200);
    const rows = await accessRows(purchaseId);
    expect(rows.purchase.status).toBe("FAILED");
    expect(rows.orders[0].status).toBe("FAILED");
  });

  it.each([
    ["malformed JSON", "{not json", 400, "invalid_json"],
    ["a missing status", JSON.stringify({ purchase_id: "p" }), 422, "validation_failed"],
    ["no purchase or user", JSON.stringify({ status: "succeeded" }), 422, "validation_failed"],
    [
      "an unknown status",
      JSON.stringify({ status: "paid", purchase_id: "p" }),
      422,
      "validation_failed",
    ],
    [
      "a decimal amount",
      JSON.stringify({ status: "succeeded", purchase_id: "p", amount: 49.0001 }),
      422,
      "validation_failed",
    ],
    [
      "a body over 64 KB",
      JSON.stringify({ status: "succeeded", purchase_id: "p", pad: "x".repeat(70_000) }),
      413,
      "payload_too_large",
    ],
  ])("answers %s with %i and the error shape", async (_name, rawBody, status, code) => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const response = await postOfferingWebhook(offering.id, null, {
      secret: offering.webhookSecret,
      rawBody,
    });
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ error: code });
    expect(response.body).toHaveProperty("details");
    expect((await accessRows(purchaseId)).purchase.status).toBe("PENDING");
  });

  it("answers 404 for a purchase of another offering and records nothing granted", async () => {
    const { offering } = await pendingPurchaseScenario();
    const other = await pendingPurchaseScenario({ name: "Other" });
    const response = await postOfferingWebhook(
      offering.id,
      { status: "succeeded", purchase_id: other.purchaseId },
      { secret: offering.webhookSecret },
    );
    expect(response.status).toBe(404);
    expect((await accessRows(other.purchaseId)).purchase.status).toBe("PENDING");
  });

  it("keeps the previous secret working for 24 hours after a rotation", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const { webhookSecret: fresh } = await rotateWebhookSecret({
      offeringId: offering.id,
      actorId: "test-admin",
    });
    const body = { status: "failed", purchase_id: purchaseId };
    expect(
      (await postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret })).status,
    ).toBe(200);
    expect((await postOfferingWebhook(offering.id, body, { secret: fresh })).status).toBe(200);

    await db.offering.update({
      where: { id: offering.id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      (await postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret })).status,
    ).toBe(401);
  });
});
