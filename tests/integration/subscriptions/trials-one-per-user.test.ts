/**
 * One free trial per user and offering, through the app's checkout against the Stripe sandbox:
 * concurrent clicks, a second checkout after a trial (even one canceled at once), a trial whose
 * events never came, and offerings without one.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox, startCheckout } from "../../helpers/stripe-app-sandbox";
import { subscriptionRows } from "../../helpers/stripe-subscriptions";
import { deliverTwice, trialOffering } from "../../helpers/trials";
import { eventMark, eventsSince } from "@offerings/stripe-sandbox/testing";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);

describe("one trial per user and offering", () => {
  it("concurrent clicks share one trial session; after that trial, the same user's next checkout has none, while another offering or another user still gets one", async () => {
    const { offering } = await trialOffering(14);
    const { offering: other } = await trialOffering(7);
    const buyer = await makeUser();
    const [first, second] = await Promise.all([
      startCheckout(buyer.id, offering.id),
      startCheckout(buyer.id, offering.id),
    ]);
    expect(second.sessionId).toBe(first.sessionId);
    const mark = await eventMark(stripe.stripe);
    await stripe.pay(first.sessionId, "4242424242424242");
    await deliverTwice(await eventsSince(stripe.stripe, mark));
    const row = await db.subscription.findUniqueOrThrow({
      where: { purchaseId: first.purchaseId },
    });
    expect(row.status).toBe("trialing");

    // The buyer cancels at once; the trial is spent all the same.
    const canceled = await eventMark(stripe.stripe);
    await stripe.stripe.subscriptions.cancel(row.stripeSubscriptionId);
    await deliverTwice(await eventsSince(stripe.stripe, canceled));

    const again = await startCheckout(buyer.id, offering.id);
    expect(again.purchaseId).not.toBe(first.purchaseId);
    const paid = await stripe.stripe.checkout.sessions.retrieve(again.sessionId);
    expect(paid).toMatchObject({ amount_total: 1900, payment_status: "unpaid" });
    const mark2 = await eventMark(stripe.stripe);
    await stripe.pay(again.sessionId, "4242424242424242");
    await deliverTwice(await eventsSince(stripe.stripe, mark2));
    const rows = await subscriptionRows(again.purchaseId, buyer.id);
    expect(rows.subscription).toMatchObject({ status: "active", trialEnd: null });
    expect(rows.orders.map((order) => [order.status, order.amount])).toEqual([["PAID", 1900]]);

    const elsewhere = await startCheckout(buyer.id, other.id);
    expect(await stripe.stripe.checkout.sessions.retrieve(elsewhere.sessionId)).toMatchObject({
      amount_total: 0,
      payment_status: "no_payment_required",
    });
    const someoneElse = await startCheckout((await makeUser()).id, offering.id);
    expect(await stripe.stripe.checkout.sessions.retrieve(someoneElse.sessionId)).toMatchObject({
      amount_total: 0,
    });
  });

  it("a trial started at Stripe whose events never came: the next checkout settles it (access, trialing) instead of opening a second trial", async () => {
    const { offering, community } = await trialOffering(14);
    const buyer = await makeUser();
    const first = await startCheckout(buyer.id, offering.id);
    await stripe.pay(first.sessionId, "4242424242424242");

    expect(await startEmbeddedCheckout({ userId: buyer.id, offeringId: offering.id })).toEqual({
      success: false,
      hasAccess: true,
    });
    const rows = await subscriptionRows(first.purchaseId, buyer.id);
    expect(rows.subscription?.status).toBe("trialing");
    expect(rows.subscription?.trialEnd).not.toBeNull();
    expect(await hasCommunityAccess(buyer.id, community.id)).toBe(true);
    const sessions = await stripe.stripe.checkout.sessions.list({ limit: 100 });
    const trialSessions = sessions.data.filter(
      (session) => session.metadata?.offeringId === offering.id,
    );
    expect(trialSessions.map((session) => session.id)).toEqual([first.sessionId]);
  });

  it("a one-time offering or a monthly one without trial days sends no trial", async () => {
    const { offering } = await trialOffering(0);
    const buyer = await makeUser();
    const checkout = await startCheckout(buyer.id, offering.id);
    expect(await stripe.stripe.checkout.sessions.retrieve(checkout.sessionId)).toMatchObject({
      amount_total: 1900,
    });
    expect(await db.offering.findUniqueOrThrow({ where: { id: offering.id } })).toMatchObject({
      trialDays: null,
    });
  });
});
