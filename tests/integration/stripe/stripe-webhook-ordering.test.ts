/**
 * Stripe delivers at least once, in any order, from many connections at a time. These tests
 * send the same signed events the way it does and check that access moves once and only forward.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { resetDatabase } from "../../helpers/reset";
import {
  deliverStripeEvent,
  pendingStripeOrderScenario,
  purchaseRows,
  type WebhookAnswer,
} from "../../helpers/stripe-webhook";
import { checkoutSession, refundedCharge, stripeEvent } from "../../../tooling/stripe";

beforeEach(resetDatabase);

describe("Stripe webhook: duplicates, concurrency and order", () => {
  it("grants exactly once for 1,000 deliveries of one event from 50 concurrent clients, with no 5xx", async () => {
    const { user, community, purchaseId, orderId } = await pendingStripeOrderScenario();
    const event = stripeEvent("checkout.session.completed", checkoutSession({ orderId }));
    const answers: WebhookAnswer[] = [];

    // Each client re-signs and posts its share one after another, as a connection would.
    const client = async () => {
      for (let delivery = 0; delivery < 20; delivery++)
        answers.push(await deliverStripeEvent(event));
    };
    await Promise.all(Array.from({ length: 50 }, client));

    expect(answers).toHaveLength(1000);
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(answers.filter((answer) => answer.body.duplicate === false)).toHaveLength(1);
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    expect(rows.memberships).toHaveLength(1);
    expect(rows.grants).toBe(1);
    expect(await db.processedEvent.count()).toBe(1);
    expect(rows.events.map((row) => [row.providerEventId, row.outcome])).toEqual([
      [event.id, "PROCESSED"],
    ]);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });

  it("leaves no access when the refund arrives before the completion", async () => {
    const { user, community, purchaseId, orderId, metadata } = await pendingStripeOrderScenario();
    // The order does not know the payment intent yet: the charge's metadata names the order.
    const charge = refundedCharge({ paymentIntent: "pi_refunded_early", metadata });

    const refund = await deliverStripeEvent(stripeEvent("charge.refunded", charge));
    const completion = await deliverStripeEvent(
      stripeEvent(
        "checkout.session.completed",
        checkoutSession({ orderId, paymentIntent: "pi_refunded_early" }),
      ),
    );

    expect([refund.status, completion.status]).toEqual([200, 200]);
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("REFUNDED");
    expect(rows.purchase.accessGrantedAt).toBeNull();
    expect(rows.memberships).toHaveLength(0);
    expect(rows.grants).toBe(0);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("grants nothing for a duplicate or a fresh copy of the completion after a refund", async () => {
    const { user, community, purchaseId, orderId } = await pendingStripeOrderScenario();
    const session = checkoutSession({ orderId, paymentIntent: "pi_refunded_later" });
    const completion = stripeEvent("checkout.session.completed", session);
    await deliverStripeEvent(completion);
    await deliverStripeEvent(
      stripeEvent("charge.refunded", refundedCharge({ paymentIntent: "pi_refunded_later" })),
    );
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);

    const duplicate = await deliverStripeEvent(completion);
    const freshCopy = await deliverStripeEvent(stripeEvent("checkout.session.completed", session));
    const lateAsync = await deliverStripeEvent(
      stripeEvent("checkout.session.async_payment_succeeded", session),
    );

    expect(duplicate.body).toMatchObject({ received: true, duplicate: true });
    expect([freshCopy.status, lateAsync.status]).toEqual([200, 200]);
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("REFUNDED");
    expect(rows.orders.map((order) => order.status)).toEqual(["REFUNDED"]);
    expect(rows.memberships.map((membership) => membership.revokedAt !== null)).toEqual([true]);
    expect(rows.grants).toBe(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("grants exactly once when async_payment_succeeded overtakes the unpaid completion", async () => {
    const { user, community, purchaseId, orderId } = await pendingStripeOrderScenario();
    const unpaid = checkoutSession({
      orderId,
      paymentStatus: "unpaid",
      paymentIntent: "pi_bank_debit",
    });
    const settled = { ...unpaid, payment_status: "paid" as const };

    const first = await deliverStripeEvent(
      stripeEvent("checkout.session.async_payment_succeeded", settled),
    );
    const second = await deliverStripeEvent(stripeEvent("checkout.session.completed", unpaid));

    expect([first.status, second.status]).toEqual([200, 200]);
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    expect(rows.orders.map((order) => [order.status, order.providerCaptureId])).toEqual([
      ["PAID", "pi_bank_debit"],
    ]);
    expect(rows.memberships).toHaveLength(1);
    expect(rows.grants).toBe(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });

  it("grants exactly once when the completion and the async success race each other", async () => {
    const { purchaseId, orderId } = await pendingStripeOrderScenario();
    const session = checkoutSession({ orderId });
    const events = [
      stripeEvent("checkout.session.completed", session),
      stripeEvent("checkout.session.async_payment_succeeded", session),
    ];

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) => deliverStripeEvent(events[index % 2])),
    );

    expect(answers.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
    const rows = await purchaseRows(purchaseId);
    expect(rows.memberships).toHaveLength(1);
    expect(rows.grants).toBe(1);
    expect(await db.processedEvent.count()).toBe(2);
  });
});
