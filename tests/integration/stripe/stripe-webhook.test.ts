import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import {
  embeddedOffering,
  makeUser,
  pendingPurchaseScenario,
} from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import {
  deliverStripeEvent,
  pendingStripeOrderScenario,
  purchaseRows,
} from "../../helpers/stripe-webhook";
import { checkoutSession, refundedCharge, stripeEvent } from "../../../tooling/stripe";

beforeEach(resetDatabase);

const completed = (orderId: string | null, fields: Parameters<typeof checkoutSession>[0] = {}) =>
  stripeEvent("checkout.session.completed", checkoutSession({ orderId, ...fields }));

describe("Stripe webhook: the handled events", () => {
  it("grants access once for a paid checkout.session.completed and records it with its effects", async () => {
    const { user, community, purchaseId, orderId } = await pendingStripeOrderScenario({
      accessDurationDays: 30,
    });
    const event = completed(orderId, { paymentIntent: "pi_paid_once" });
    const session = event.data.object as { id: string };

    const first = await deliverStripeEvent(event);
    const again = await deliverStripeEvent(event);

    expect(first).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "processed" },
    });
    expect(again).toEqual({
      status: 200,
      body: { received: true, duplicate: true, outcome: "processed" },
    });
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    const days =
      (rows.purchase.expiresAt!.getTime() - rows.purchase.accessGrantedAt!.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 5);
    expect(
      rows.orders.map((order) => [order.status, order.providerOrderId, order.providerCaptureId]),
    ).toEqual([["PAID", session.id, "pi_paid_once"]]);
    expect(rows.memberships).toHaveLength(1);
    expect(rows.grants).toBe(1);
    expect(
      rows.events.map((row) => [row.providerEventId, row.type, row.outcome, row.attempts]),
    ).toEqual([[event.id, "checkout.session.completed", "PROCESSED", 1]]);
    expect(rows.events[0].payload).toEqual(event);
    const grant = await db.accessEvent.findFirstOrThrow({ where: { purchaseId } });
    expect(grant.eventId).toBe(rows.events[0].id);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });

  it("lets an unpaid completion (delayed method) wait, then grants on async_payment_succeeded", async () => {
    const { user, community, purchaseId, orderId } = await pendingStripeOrderScenario();
    const session = checkoutSession({ orderId, paymentStatus: "unpaid" });

    const waiting = await deliverStripeEvent(stripeEvent("checkout.session.completed", session));
    expect(waiting.status).toBe(200);
    let rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("PENDING");
    expect(rows.orders.map((order) => [order.status, order.providerOrderId])).toEqual([
      ["PENDING", session.id],
    ]);
    expect(rows.memberships).toHaveLength(0);

    const settled = { ...session, payment_status: "paid" as const };
    const paid = await deliverStripeEvent(
      stripeEvent("checkout.session.async_payment_succeeded", settled),
    );
    expect(paid.body).toEqual({ received: true, duplicate: false, outcome: "processed" });
    rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    expect(rows.grants).toBe(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });

  it("fails purchase and order on async_payment_failed and grants nothing", async () => {
    const { purchaseId, orderId } = await pendingStripeOrderScenario();
    const session = checkoutSession({ orderId, paymentStatus: "unpaid" });
    await deliverStripeEvent(stripeEvent("checkout.session.completed", session));

    const failed = await deliverStripeEvent(
      stripeEvent("checkout.session.async_payment_failed", session),
    );

    expect(failed.status).toBe(200);
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("FAILED");
    expect(rows.orders.map((order) => order.status)).toEqual(["FAILED"]);
    expect(rows.memberships).toHaveLength(0);
  });

  it("marks the order of an expired session expired, but not an order that moved on to a newer session", async () => {
    const first = await pendingStripeOrderScenario();
    const expired = stripeEvent(
      "checkout.session.expired",
      checkoutSession({
        orderId: first.orderId,
        status: "expired",
        paymentStatus: "unpaid",
        paymentIntent: null,
      }),
    );
    expect((await deliverStripeEvent(expired)).status).toBe(200);
    const rows = await purchaseRows(first.purchaseId);
    expect(rows.orders.map((order) => order.status)).toEqual(["EXPIRED"]);
    expect(rows.purchase.status).toBe("PENDING");
    expect(rows.memberships).toHaveLength(0);

    const second = await pendingStripeOrderScenario({ name: "Second" });
    await db.order.update({
      where: { id: second.orderId },
      data: { providerOrderId: "cs_test_newer" },
    });
    const stale = stripeEvent(
      "checkout.session.expired",
      checkoutSession({
        orderId: second.orderId,
        status: "expired",
        paymentStatus: "unpaid",
        paymentIntent: null,
      }),
    );
    expect((await deliverStripeEvent(stale)).status).toBe(200);
    expect((await purchaseRows(second.purchaseId)).orders.map((order) => order.status)).toEqual([
      "PENDING",
    ]);
  });

  it("revokes access on a full charge.refunded found by payment intent; a partial refund is recorded on the order and revokes nothing", async () => {
    const { user, community, purchaseId, orderId } = await pendingStripeOrderScenario();
    await deliverStripeEvent(completed(orderId, { paymentIntent: "pi_refund_me" }));

    const partial = await deliverStripeEvent(
      stripeEvent(
        "charge.refunded",
        refundedCharge({ paymentIntent: "pi_refund_me", amountRefunded: 900 }),
      ),
    );
    expect(partial.body).toMatchObject({ received: true, outcome: "processed" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    const [order] = (await purchaseRows(purchaseId)).orders;
    expect([order?.status, order?.refundedAmount]).toEqual(["PAID", 900]);

    const full = await deliverStripeEvent(
      stripeEvent("charge.refunded", refundedCharge({ paymentIntent: "pi_refund_me" })),
    );

    expect(full.body).toEqual({ received: true, duplicate: false, outcome: "processed" });
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("REFUNDED");
    expect(rows.purchase.refundedAt).not.toBeNull();
    expect(rows.orders.map((order) => order.status)).toEqual(["REFUNDED"]);
    expect(rows.memberships.map((membership) => membership.revokedAt !== null)).toEqual([true]);
    expect(rows.revokes).toBe(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });
});

describe("Stripe webhook: refusals and acknowledgements", () => {
  it.each([
    ["amount", { amount: 100 }],
    ["currency", { currency: "eur" }],
  ])(
    "refuses a tampered %s with 422, grants nothing and records the failure",
    async (_field, tampered) => {
      const { purchaseId, orderId } = await pendingStripeOrderScenario();
      const event = completed(orderId, tampered);

      const response = await deliverStripeEvent(event);

      expect(response.status).toBe(422);
      expect(response.body.error).toBe("amount_mismatch");
      expect(response.body.details).toMatchObject({
        event_id: event.id,
        expected: { amount: 4900, currency: "usd" },
      });
      const rows = await purchaseRows(purchaseId);
      expect(rows.purchase.status).toBe("PENDING");
      expect(rows.orders.map((order) => order.status)).toEqual(["PENDING"]);
      expect(rows.memberships).toHaveLength(0);
      expect(rows.grants).toBe(0);
      expect(rows.events.map((row) => [row.providerEventId, row.outcome, row.error])).toEqual([
        [event.id, "FAILED", "amount_mismatch"],
      ]);
    },
  );

  it("answers non-2xx while the order is not committed, then applies the redelivery once it is", async () => {
    const user = await makeUser();
    const { offering, community } = await embeddedOffering();
    const price = await db.offering.findUniqueOrThrow({
      where: { id: offering.id },
      select: { id: true, priceAmount: true, currency: true },
    });

    // The checkout's transaction has made the order but not committed it when the event lands.
    const { purchaseId, event, early } = await db.$transaction(async (tx) => {
      const opened = await openPendingPurchase(tx, {
        userId: user.id,
        offering: price,
        provider: "STRIPE",
      });
      const completion = completed(opened.orderId);
      return { ...opened, event: completion, early: await deliverStripeEvent(completion) };
    });

    expect(early.status).toBe(409);
    expect(early.body.error).toBe("conflict");
    expect(
      await db.processedEvent.findFirst({ where: { providerEventId: event.id } }),
    ).toMatchObject({ outcome: "FAILED", error: "order_not_found" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);

    const redelivered = await deliverStripeEvent(event);

    expect(redelivered).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "processed" },
    });
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    expect(rows.events.map((row) => [row.outcome, row.attempts])).toEqual([["PROCESSED", 2]]);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });

  it("acknowledges a session that names no order and records it as unmatched", async () => {
    const { purchaseId } = await pendingStripeOrderScenario();
    const event = stripeEvent(
      "checkout.session.completed",
      checkoutSession({ orderId: null, metadata: {} }),
    );

    const response = await deliverStripeEvent(event);

    expect(response).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "unmatched" },
    });
    const recorded = await db.processedEvent.findMany();
    expect(recorded.map((row) => [row.providerEventId, row.outcome, row.error])).toEqual([
      [event.id, "UNMATCHED", "no_order_reference"],
    ]);
    expect((await purchaseRows(purchaseId)).purchase.status).toBe("PENDING");
  });

  it("does not let a Stripe session complete an order that was made for another provider", async () => {
    const { user, community, purchaseId, orderId } = await pendingPurchaseScenario();
    const event = completed(orderId);

    const response = await deliverStripeEvent(event);

    // Not a Stripe order: looked up as one it is not found, so the event is refused and recorded
    // as failed (Stripe retries it; it can never complete the external order).
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      error: "conflict",
      details: { orderId, event_id: event.id },
    });
    const recorded = await db.processedEvent.findMany();
    expect(
      recorded.map((row) => [row.providerEventId, row.outcome, row.error, row.purchaseId]),
    ).toEqual([[event.id, "FAILED", "order_not_found", null]]);
    const rows = await purchaseRows(purchaseId);
    expect(rows.orders.map((order) => [order.provider, order.status])).toEqual([
      ["EXTERNAL", "PENDING"],
    ]);
    expect(rows.purchase.status).toBe("PENDING");
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("acknowledges a correctly signed event of a type it does not handle and records it as ignored", async () => {
    const event = stripeEvent("customer.created", {
      id: "cus_test_new",
      object: "customer",
      email: "new@example.com",
      metadata: {},
    });

    const response = await deliverStripeEvent(event);

    expect(response).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "ignored" },
    });
    const recorded = await db.processedEvent.findMany();
    expect(
      recorded.map((row) => [row.provider, row.providerEventId, row.type, row.outcome]),
    ).toEqual([["stripe", event.id, "customer.created", "IGNORED"]]);
  });
});
