/**
 * Embedded Checkout and the return page's capture, against the local Stripe sandbox through the
 * app's own Stripe client. Events the sandbox records are delivered by the tests themselves.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { captureCheckoutSession } from "@/lib/payments/stripe/capture-checkout-session";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { getUserPurchase } from "@/lib/purchases/get-user-purchase";
import { embeddedOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox, startCheckout } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent, purchaseRows } from "../../helpers/stripe-webhook";
import { stripeEvent } from "../../../tooling/stripe";

const sandbox = setUpStripeSandbox();

beforeEach(resetDatabase);

describe("startEmbeddedCheckout", () => {
  it("answers a client secret for a session whose reference, metadata, amount and currency are the order's", async () => {
    const { offering } = await embeddedOffering({ priceAmount: 2500, currency: "eur" });
    const user = await makeUser();

    const started = await startCheckout(user.id, offering.id);

    const session = await sandbox.stripe.checkout.sessions.retrieve(started.sessionId);
    expect(session).toMatchObject({
      client_secret: started.clientSecret,
      client_reference_id: started.orderId,
      metadata: {
        purchaseId: started.purchaseId,
        orderId: started.orderId,
        offeringId: offering.id,
        userId: user.id,
      },
      amount_total: 2500,
      currency: "eur",
      ui_mode: "embedded_page",
      status: "open",
      customer: started.stripeCustomerId,
    });
    const rows = await purchaseRows(started.purchaseId);
    expect(rows.purchase.status).toBe("PENDING");
    expect(
      rows.orders.map((order) => [
        order.id,
        order.provider,
        order.amount,
        order.currency,
        order.providerOrderId,
      ]),
    ).toEqual([[started.orderId, "STRIPE", 2500, "eur", started.sessionId]]);
  });

  it("hands back the same open session within five minutes, and a new one after", async () => {
    const { offering } = await embeddedOffering();
    const user = await makeUser();

    const first = await startCheckout(user.id, offering.id);
    const again = await startCheckout(user.id, offering.id);

    expect(again).toEqual(first);
    expect(await db.order.count()).toBe(1);

    await db.purchase.update({
      where: { id: first.purchaseId },
      data: { createdAt: new Date(Date.now() - 6 * 60_000) },
    });
    const later = await startCheckout(user.id, offering.id);
    expect(later.sessionId).not.toBe(first.sessionId);
    expect((await sandbox.stripe.checkout.sessions.retrieve(first.sessionId)).status).toBe(
      "expired",
    );
  });

  it("uses one Stripe customer for all of a user's checkouts, even two started at once", async () => {
    const [{ offering: first }, { offering: second }] = [
      await embeddedOffering(),
      await embeddedOffering({ name: "Second" }),
    ];
    const user = await makeUser();

    const [a, b] = await Promise.all([
      startCheckout(user.id, first.id),
      startCheckout(user.id, second.id),
    ]);

    expect(a.stripeCustomerId).toMatch(/^cus_/);
    expect(b.stripeCustomerId).toBe(a.stripeCustomerId);
    const sessions = await Promise.all(
      [a, b].map(({ sessionId }) => sandbox.stripe.checkout.sessions.retrieve(sessionId)),
    );
    expect(sessions.map((session) => session.customer)).toEqual([
      a.stripeCustomerId,
      a.stripeCustomerId,
    ]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId).toBe(
      a.stripeCustomerId,
    );
  });

  it("opens no second session to pay while the first one is paid but not yet confirmed to us", async () => {
    const { community, offering } = await embeddedOffering();
    const user = await makeUser();
    const first = await startCheckout(user.id, offering.id);
    // Paid on Stripe; the webhook and the return page have not reached us yet.
    await sandbox.pay(first.sessionId, "4242424242424242");
    const paidSession = await sandbox.stripe.checkout.sessions.retrieve(first.sessionId);

    const again = await startEmbeddedCheckout({ userId: user.id, offeringId: offering.id });

    // The restart reads the paid session from Stripe and applies it, instead of opening another.
    expect(again).toEqual({ success: false, hasAccess: true });
    const sessions = await sandbox.stripe.checkout.sessions.list({
      customer: first.stripeCustomerId,
    });
    expect(sessions.data.map((session) => [session.id, session.status])).toEqual([
      [first.sessionId, "complete"],
    ]);
    const rows = await purchaseRows(first.purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    expect(rows.orders.map((order) => [order.id, order.status, order.providerCaptureId])).toEqual([
      [first.orderId, "PAID", paidSession.payment_intent],
    ]);
    expect(rows.grants).toBe(1);
    expect(await db.order.count()).toBe(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });

  it("opens no checkout for a user who already has access", async () => {
    const { offering, user } = await sandbox.paidPurchase();
    expect(await startEmbeddedCheckout({ userId: user.id, offeringId: offering.id })).toEqual({
      success: false,
      hasAccess: true,
    });
    expect(await db.order.count()).toBe(1);
  });
});

describe("paying and capturing", () => {
  it("grants exactly once when the webhook, the async event and three return-page captures race", async () => {
    const { community, offering } = await embeddedOffering();
    const user = await makeUser();
    const started = await startCheckout(user.id, offering.id);
    expect(
      JSON.parse((await sandbox.pay(started.sessionId, "4242 4242 4242 4242")).text),
    ).toMatchObject({ outcome: "complete" });
    const completedEvent = await sandbox.event(
      "checkout.session.completed",
      (object) => object.id === started.sessionId,
    );
    const paidSession = await sandbox.stripe.checkout.sessions.retrieve(started.sessionId);
    const asyncEvent = stripeEvent("checkout.session.async_payment_succeeded", paidSession);

    const [webhook, asyncWebhook, ...captures] = await Promise.all([
      deliverStripeEvent(completedEvent),
      deliverStripeEvent(asyncEvent),
      ...Array.from({ length: 3 }, () =>
        captureCheckoutSession({ userId: user.id, sessionId: started.sessionId }),
      ),
    ]);

    expect([webhook.status, asyncWebhook.status]).toEqual([200, 200]);
    expect(captures.map((capture) => [capture.status, capture.purchaseId])).toEqual(
      Array(3).fill(["paid", started.purchaseId]),
    );
    const rows = await purchaseRows(started.purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    expect(rows.orders.map((order) => [order.status, order.providerCaptureId])).toEqual([
      ["PAID", paidSession.payment_intent],
    ]);
    expect(rows.memberships).toHaveLength(1);
    expect(rows.grants).toBe(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });

  it("reports a declined card (9995) as not completed, saying the card was declined and why, and grants nothing", async () => {
    const { community, offering } = await embeddedOffering();
    const user = await makeUser();
    const started = await startCheckout(user.id, offering.id);

    const declined = await sandbox.pay(started.sessionId, "4000 0000 0000 9995");
    const captured = await captureCheckoutSession({
      userId: user.id,
      sessionId: started.sessionId,
    });

    expect(declined.status).toBe(402);
    expect(captured).toMatchObject({
      status: "not_completed",
      declineReason: "Your card was declined (insufficient funds).",
      // An embedded session has no URL of its own: back to the offering's checkout step.
      checkoutUrl: `/offerings/${offering.id}/checkout`,
      purchaseStatus: "PENDING",
      sessionStatus: "open",
      paymentStatus: "unpaid",
    });
    const rows = await purchaseRows(started.purchaseId);
    expect(rows.memberships).toHaveLength(0);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("answers 404 for another user's session and for an unknown session, and grants nothing", async () => {
    const { offering } = await embeddedOffering();
    const [buyer, stranger] = [await makeUser(), await makeUser()];
    const started = await startCheckout(buyer.id, offering.id);
    await sandbox.pay(started.sessionId, "4242424242424242");

    for (const [userId, sessionId] of [
      [stranger.id, started.sessionId],
      [buyer.id, "cs_test_no_such_session"],
    ]) {
      const error = await captureCheckoutSession({ userId, sessionId }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "not_found", status: 404 });
    }
    expect((await purchaseRows(started.purchaseId)).purchase.status).toBe("PENDING");
  });

  it("shows a user their own purchase and answers 404 for anyone else's", async () => {
    const { offering, user, checkout: started } = await sandbox.paidPurchase();
    const stranger = await makeUser();

    expect(
      await getUserPurchase({ userId: user.id, purchaseId: started.purchaseId }),
    ).toMatchObject({
      id: started.purchaseId,
      status: "SUCCEEDED",
      offering: { id: offering.id },
    });
    const error = await getUserPurchase({
      userId: stranger.id,
      purchaseId: started.purchaseId,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found", status: 404 });
  });
});
