/**
 * Reconciliation with Stripe against the sandbox, whose events are never delivered here: every
 * payment, renewal and refund below is "dropped on the floor". One run recovers each of them
 * through the fulfilment code; the next run finds nothing to do and writes nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { db } from "@/lib/db";
import { captureCheckoutSession } from "@/lib/payments/stripe/capture-checkout-session";
import { reconcileWithStripe } from "@/lib/payments/stripe/reconcile";
import { embeddedOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { rowSnapshot } from "../../helpers/row-snapshot";
import {
  recurringOffering,
  setUpStripeSandbox,
  startCheckout,
} from "../../helpers/stripe-app-sandbox";
import { createHostedSession, submitHostedCheckout } from "@offerings/stripe-sandbox/testing";
import { subscriptionRows } from "../../helpers/stripe-subscriptions";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);

const DAY = 86_400;
const CARD = "4242424242424242";

/** A buyer who paid at Stripe; the event that would tell us never comes. */
async function paidWithoutEvent(offeringId: string) {
  const user = await makeUser();
  const checkout = await startCheckout(user.id, offeringId);
  const paid = await stripe.pay(checkout.sessionId, CARD);
  expect(paid.status).toBe(200);
  return { user, ...checkout };
}

describe("reconciling with Stripe", () => {
  it("recovers dropped payments, a subscription with its renewal and a refund, once; running again is a no-op", async () => {
    const oneTime = await embeddedOffering();
    const [first, second, refunded] = [
      await paidWithoutEvent(oneTime.offering.id),
      await paidWithoutEvent(oneTime.offering.id),
      await paidWithoutEvent(oneTime.offering.id),
    ];
    // One buyer came back to the return page: that purchase is in step already.
    const returned = await paidWithoutEvent(oneTime.offering.id);
    await captureCheckoutSession({ userId: returned.user.id, sessionId: returned.sessionId });
    // Another app's payment on the same Stripe account names none of our orders.
    const foreign = await createHostedSession(stripe.stripe);
    await submitHostedCheckout(stripe.sandbox.url, foreign.id, { cardNumber: CARD });

    const monthly = await recurringOffering();
    const member = await paidWithoutEvent(monthly.offering.id);
    const session = await stripe.stripe.checkout.sessions.retrieve(member.sessionId);
    expect(stripe.sandbox.advanceClock(32 * DAY).renewals).toBe(1);

    const refundedSession = await stripe.stripe.checkout.sessions.retrieve(refunded.sessionId);
    await stripe.stripe.refunds.create({ payment_intent: String(refundedSession.payment_intent) });
    const invoices = await stripe.stripe.invoices.list({
      subscription: String(session.subscription),
    });
    const renewal = invoices.data.find(
      (invoice) => invoice.billing_reason === "subscription_cycle",
    );
    expect(renewal?.status).toBe("paid");

    // Two runs at once, as two app instances' schedules (or an admin's click) might race.
    const since = new Date(Date.now() - DAY * 1000);
    const runs = await Promise.all([
      reconcileWithStripe({ since }),
      reconcileWithStripe({ since }),
    ]);
    const fixed = runs.flatMap((run) =>
      run.fixed.map((change) => `${change.kind} ${change.stripeId}`),
    );
    expect(fixed.sort()).toEqual(
      [
        `checkout_session ${first.sessionId}`,
        `checkout_session ${second.sessionId}`,
        `checkout_session ${refunded.sessionId}`,
        `checkout_session ${member.sessionId}`,
        `invoice ${renewal!.id}`,
        `refund ${(await stripe.stripe.refunds.list({ payment_intent: String(refundedSession.payment_intent) })).data[0].id}`,
      ].sort(),
    );
    expect(runs.flatMap((run) => run.notApplied)).toEqual([]);
    expect(runs[0].checked.checkout_session).toBe(6);

    for (const buyer of [first, second]) {
      const purchase = await db.purchase.findUniqueOrThrow({
        where: { id: buyer.purchaseId },
        include: { orders: true },
      });
      expect(purchase.status).toBe("SUCCEEDED");
      expect(purchase.orders.map((order) => [order.status, order.providerOrderId])).toEqual([
        ["PAID", buyer.sessionId],
      ]);
      expect(await hasCommunityAccess(buyer.user.id, oneTime.community.id)).toBe(true);
      expect(
        await db.accessEvent.count({ where: { purchaseId: buyer.purchaseId, action: "GRANT" } }),
      ).toBe(1);
    }
    const refundedPurchase = await db.purchase.findUniqueOrThrow({
      where: { id: refunded.purchaseId },
      include: { orders: true },
    });
    expect(refundedPurchase.status).toBe("REFUNDED");
    expect(refundedPurchase.orders.map((order) => order.status)).toEqual(["REFUNDED"]);
    expect(await hasCommunityAccess(refunded.user.id, oneTime.community.id)).toBe(false);

    const rows = await subscriptionRows(member.purchaseId, member.user.id);
    const atStripe = await stripe.stripe.subscriptions.retrieve(String(session.subscription));
    expect(rows.subscription).toMatchObject({
      stripeSubscriptionId: atStripe.id,
      status: "active",
      currentPeriodEnd: new Date(atStripe.items.data[0].current_period_end * 1000),
    });
    expect(rows.orders.map((order) => [order.status, order.amount])).toEqual([
      ["PAID", 1900],
      ["PAID", 1900],
    ]);
    expect(rows.orders.map((order) => order.providerInvoiceId)).toEqual([
      session.invoice,
      renewal!.id,
    ]);
    expect(rows.user).toEqual({ plan: "pro", stripeSubscriptionStatus: "active" });
    expect(await hasCommunityAccess(member.user.id, monthly.community.id)).toBe(true);

    const records = await db.processedEvent.findMany({ where: { provider: "stripe-reconcile" } });
    expect(records).toHaveLength(6);
    expect(records.every((record) => record.outcome === "PROCESSED" && record.attempts === 1)).toBe(
      true,
    );
    expect(records.map((record) => record.providerEventId)).toContain(
      `reconcile:${first.sessionId}:paid`,
    );

    // Nothing left to fix: the next run only reads.
    const before = await rowSnapshot();
    const again = await reconcileWithStripe({ since });
    expect(again).toMatchObject({ fixed: [], notApplied: [], alreadyApplied: 0 });
    expect(again.checked).toMatchObject({ checkout_session: 6, invoice: 2, refund: 1 });
    expect(await rowSnapshot()).toEqual(before);

    // The subscription ends at Stripe; customer.subscription.deleted is dropped too.
    await stripe.stripe.subscriptions.cancel(atStripe.id);
    const ended = await reconcileWithStripe({ since });
    expect(ended.fixed.map((change) => `${change.kind} ${change.stripeId}`)).toEqual([
      `subscription ${atStripe.id}`,
    ]);
    const after = await subscriptionRows(member.purchaseId, member.user.id);
    expect(after.subscription?.status).toBe("canceled");
    expect(after.user).toEqual({ plan: "free", stripeSubscriptionStatus: "canceled" });
    expect(await hasCommunityAccess(member.user.id, monthly.community.id)).toBe(false);
    const settled = await rowSnapshot();
    expect((await reconcileWithStripe({ since })).fixed).toEqual([]);
    expect(await rowSnapshot()).toEqual(settled);
  });

  it("lists only what was created since the date", async () => {
    const oneTime = await embeddedOffering();
    await paidWithoutEvent(oneTime.offering.id);
    const report = await reconcileWithStripe({ since: new Date(Date.now() + 400 * DAY * 1000) });
    expect(report).toMatchObject({ fixed: [], checked: { checkout_session: 0, refund: 0 } });
    expect(await db.processedEvent.count({ where: { provider: "stripe-reconcile" } })).toBe(0);
  });
});
