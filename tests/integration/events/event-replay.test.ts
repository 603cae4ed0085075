/**
 * An admin's replay of a recorded event: the stored event runs again through its handler under
 * the event's claim, so it applies exactly once, whatever races it, and a replay of an event
 * that already applied changes nothing.
 */
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { getEventForAdmin } from "@/lib/admin/get-event-for-admin";
import { listEventsForAdmin } from "@/lib/admin/list-events";
import { db } from "@/lib/db";
import { replayEvent } from "@/lib/payments/replay-event";
import {
  embeddedOffering,
  makeCommunity,
  makeOffering,
  makeUser,
} from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";
import { rowSnapshot } from "../../helpers/row-snapshot";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { checkoutSession, refundedCharge, stripeEvent } from "../../../tooling/stripe";

// charge.refunded asks Stripe which session a payment intent paid: the sandbox answers.
setUpStripeSandbox();
beforeEach(resetDatabase);

/** A checkout.session.completed for an order id nobody has committed yet: it fails. */
async function failedCompletion() {
  const { community, offering } = await embeddedOffering();
  const user = await makeUser();
  const orderId = `order_${randomUUID()}`;
  const session = checkoutSession({ orderId, metadata: { orderId, offeringId: offering.id } });
  session.client_secret = `${session.id}_secret_from_stripe`;
  const event = stripeEvent("checkout.session.completed", session);
  const answer = await deliverStripeEvent(event);
  expect(answer.status).toBe(409);
  const record = await db.processedEvent.findUniqueOrThrow({
    where: { provider_providerEventId: { provider: "stripe", providerEventId: event.id } },
  });
  expect(record).toMatchObject({ outcome: "FAILED", error: "order_not_found", attempts: 1 });
  return { community, offering, user, orderId, event, record };
}

/** The order the event names, committed at last (as checkout makes it: pending, the offering's price). */
async function commitOrder(scenario: Awaited<ReturnType<typeof failedCompletion>>) {
  const { user, orderId } = scenario;
  const offering = await db.offering.findUniqueOrThrow({ where: { id: scenario.offering.id } });
  const purchase = await db.purchase.create({ data: { userId: user.id, offeringId: offering.id } });
  await db.order.create({
    data: {
      id: orderId,
      purchaseId: purchase.id,
      userId: user.id,
      offeringId: offering.id,
      amount: offering.priceAmount,
      currency: offering.currency,
      provider: "STRIPE",
    },
  });
  return purchase.id;
}

const admin = () => makeUser({ role: "ADMIN" });

describe("replaying a failed event", () => {
  it("applies once the order exists; a second replay and a redelivery change nothing", async () => {
    const scenario = await failedCompletion();
    const purchaseId = await commitOrder(scenario);
    const { id: adminId } = await admin();

    const result = await replayEvent({ eventRecordId: scenario.record.id, adminId });
    expect(result).toMatchObject({
      replayed: true,
      before: "FAILED",
      outcome: "PROCESSED",
      purchaseId,
    });
    const record = await db.processedEvent.findUniqueOrThrow({ where: { id: scenario.record.id } });
    expect(record).toMatchObject({ outcome: "PROCESSED", error: null, attempts: 2, purchaseId });
    expect(await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } })).toMatchObject({
      status: "SUCCEEDED",
    });
    expect(await db.order.findUniqueOrThrow({ where: { id: scenario.orderId } })).toMatchObject({
      status: "PAID",
      providerOrderId: (scenario.event.data.object as { id: string }).id,
    });
    expect(await hasCommunityAccess(scenario.user.id, scenario.community.id)).toBe(true);
    const grants = await db.accessEvent.findMany({ where: { eventId: record.id } });
    expect(grants.map((grant) => grant.action)).toEqual(["GRANT"]);
    expect(await db.auditEntry.findMany({ where: { action: "event.replay" } })).toEqual([
      expect.objectContaining({
        actorId: adminId,
        subject: record.id,
        details: expect.objectContaining({ before: "FAILED", outcome: "PROCESSED" }),
      }),
    ]);

    const before = await rowSnapshot();
    const again = await replayEvent({ eventRecordId: record.id, adminId });
    expect(again).toMatchObject({ replayed: false, before: "PROCESSED", outcome: "PROCESSED" });
    expect(again.message).toMatch(/already ended processed.*changes nothing/);
    expect((await deliverStripeEvent(scenario.event)).body).toMatchObject({
      duplicate: true,
      outcome: "processed",
    });
    expect(await rowSnapshot()).toEqual(before);
    expect(await db.auditEntry.count({ where: { action: "event.replay" } })).toBe(2);
  });

  it("a replay whose cause is still there fails again and counts the attempt", async () => {
    const scenario = await failedCompletion();
    const { id: adminId } = await admin();
    const result = await replayEvent({ eventRecordId: scenario.record.id, adminId });
    expect(result).toMatchObject({ replayed: true, outcome: "FAILED", error: "order_not_found" });
    expect(result.message).toBe("Replayed: failed again (order not found).");
    expect(
      await db.processedEvent.findUniqueOrThrow({ where: { id: scenario.record.id } }),
    ).toMatchObject({
      outcome: "FAILED",
      attempts: 2,
    });

    // Failed three times: a dead letter, listed (and shown) with its payload's secrets redacted.
    const dead = () => listEventsForAdmin({ pageSize: 25, dead: true });
    expect((await dead()).items).toEqual([]);
    await replayEvent({ eventRecordId: scenario.record.id, adminId });
    const { items } = await dead();
    expect(items.map((item) => [item.id, item.attempts])).toEqual([[scenario.record.id, 3]]);
    const page = await getEventForAdmin({ eventRecordId: scenario.record.id });
    expect(page).toMatchObject({
      deadLetter: true,
      replayable: true,
      purchase: null,
      accessEvents: [],
    });
    for (const shown of [items[0].payload, page!.payload]) {
      expect(JSON.stringify(shown)).toContain('"client_secret":"[redacted]"');
      expect(JSON.stringify(shown)).not.toContain("secret_from_stripe");
    }
  });

  it("concurrent replays apply once", async () => {
    const scenario = await failedCompletion();
    const purchaseId = await commitOrder(scenario);
    const { id: adminId } = await admin();

    const results = await Promise.all(
      Array.from({ length: 6 }, () => replayEvent({ eventRecordId: scenario.record.id, adminId })),
    );
    expect(results.filter((result) => result.replayed)).toHaveLength(1);
    expect(results.every((result) => result.outcome === "PROCESSED")).toBe(true);
    expect(await db.membership.count({ where: { purchaseId } })).toBe(1);
    expect(await db.accessEvent.count({ where: { purchaseId } })).toBe(1);
    expect(
      await db.processedEvent.findUniqueOrThrow({ where: { id: scenario.record.id } }),
    ).toMatchObject({
      outcome: "PROCESSED",
      attempts: 2,
    });
  });
});

describe("replaying an event that applied, or an unmatched one", () => {
  it("a PROCESSED event is left as it is", async () => {
    const scenario = await failedCompletion();
    await commitOrder(scenario);
    const delivered = await deliverStripeEvent(scenario.event);
    expect(delivered.body).toMatchObject({ outcome: "processed" });
    const { id: adminId } = await admin();

    const before = await rowSnapshot();
    const result = await replayEvent({ eventRecordId: scenario.record.id, adminId });
    expect(result).toMatchObject({ replayed: false, before: "PROCESSED", outcome: "PROCESSED" });
    expect(await rowSnapshot()).toEqual(before);
  });

  it("an UNMATCHED refund applies once its payment is known; the webhook path alone keeps it unmatched", async () => {
    const scenario = await failedCompletion();
    const purchaseId = await commitOrder(scenario);
    const session = scenario.event.data.object as { payment_intent: string };
    const refund = stripeEvent(
      "charge.refunded",
      refundedCharge({ paymentIntent: session.payment_intent }),
    );
    expect((await deliverStripeEvent(refund)).body).toMatchObject({ outcome: "unmatched" });
    // The completion arrives after the refund: the order now knows its payment intent.
    expect((await deliverStripeEvent(scenario.event)).body).toMatchObject({ outcome: "processed" });
    // A redelivery of the refund does not re-handle an UNMATCHED event…
    expect((await deliverStripeEvent(refund)).body).toMatchObject({
      duplicate: true,
      outcome: "unmatched",
    });
    expect(await hasCommunityAccess(scenario.user.id, scenario.community.id)).toBe(true);

    // …an admin's replay does, once.
    const record = await db.processedEvent.findUniqueOrThrow({
      where: { provider_providerEventId: { provider: "stripe", providerEventId: refund.id } },
    });
    const { id: adminId } = await admin();
    const [first, second] = await Promise.all([
      replayEvent({ eventRecordId: record.id, adminId }),
      replayEvent({ eventRecordId: record.id, adminId }),
    ]);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    expect(await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } })).toMatchObject({
      status: "REFUNDED",
    });
    expect(await hasCommunityAccess(scenario.user.id, scenario.community.id)).toBe(false);
    expect(await db.accessEvent.count({ where: { purchaseId, action: "REVOKE" } })).toBe(1);
  });

  it("an external refund that overtook its payment applies when replayed, through its offering's apply path", async () => {
    const community = await makeCommunity();
    const offering = await makeOffering({ communityIds: [community.id] });
    const user = await makeUser();
    const secret = { secret: offering.webhookSecret };
    const payment = {
      user_id: user.id,
      payment_id: `pay_${randomUUID()}`,
      amount: 4900,
      currency: "usd",
    };
    const refund = await postOfferingWebhook(
      offering.id,
      { ...payment, status: "refunded" },
      secret,
    );
    expect(refund).toMatchObject({ status: 404, body: { error: "not_found" } });
    const paid = await postOfferingWebhook(
      offering.id,
      { ...payment, status: "succeeded" },
      secret,
    );
    expect(paid.body).toMatchObject({ outcome: "processed" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);

    const record = await db.processedEvent.findFirstOrThrow({
      where: { provider: "external", outcome: "FAILED" },
    });
    expect(record.providerEventId).toBe(`${offering.id}:refunded:${payment.payment_id}`);
    const { id: adminId } = await admin();
    const result = await replayEvent({ eventRecordId: record.id, adminId });
    expect(result).toMatchObject({ replayed: true, before: "FAILED", outcome: "PROCESSED" });
    expect(
      await db.purchase.findUniqueOrThrow({ where: { id: result.purchaseId! } }),
    ).toMatchObject({ status: "REFUNDED" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("an unknown event id is not found", async () => {
    const { id: adminId } = await admin();
    await expect(replayEvent({ eventRecordId: "nope", adminId })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
