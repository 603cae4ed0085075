/**
 * Free trials through the app's own code against the Stripe sandbox: checkout with
 * `trial_period_days`, the $0 first invoice, the trial's end moved by the sandbox's clock (paid
 * with 4242, failed with 0341), a cancel during the trial, and the events delivered signed,
 * duplicated and out of order. One trial per user and offering: trials-one-per-user.test.ts.
 */
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { captureCheckoutSession } from "@/lib/payments/stripe/capture-checkout-session";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox, startCheckout } from "../../helpers/stripe-app-sandbox";
import { deliverTwice, outcomeOf, trialOffering } from "../../helpers/trials";
import { subscriptionRows } from "../../helpers/stripe-subscriptions";
import { eventMark, eventsSince } from "@offerings/stripe-sandbox/testing";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);
// One sandbox (and clock) for the file: the previous test's subscriptions must not bill on into
// this one's clock moves.
beforeEach(async () => {
  const live = await stripe.stripe.subscriptions.list({ limit: 100 });
  for (const subscription of live.data) await stripe.stripe.subscriptions.cancel(subscription.id);
});

const DAY = 86_400;

/** A user with a referral code, and a buyer. */
async function people() {
  const referrer = await makeUser();
  const code = `code-${randomUUID().slice(0, 8)}`;
  await db.user.update({ where: { id: referrer.id }, data: { referralCode: code } });
  return { referrer, code, buyer: await makeUser() };
}

/** The buyer starts the trial with `card`; Stripe's events are delivered newest first. */
async function startTrial(card: string, trialDays = 14) {
  const { community, offering } = await trialOffering(trialDays);
  const { referrer, code, buyer } = await people();
  const checkout = await startEmbeddedCheckout({
    userId: buyer.id,
    offeringId: offering.id,
    referralCode: code,
  });
  if (!checkout.success) throw new Error("expected a checkout");
  const mark = await eventMark(stripe.stripe);
  await stripe.pay(checkout.sessionId, card);
  await deliverTwice((await eventsSince(stripe.stripe, mark)).reverse());
  const row = await db.subscription.findUniqueOrThrow({
    where: { purchaseId: checkout.purchaseId },
  });
  return { community, offering, referrer, buyer, checkout, row };
}

/** Moves the sandbox's clock past the trial's end; the events that brings, oldest first. */
async function passTrialEnd(trialEnd: Date) {
  const mark = await eventMark(stripe.stripe);
  const seconds = Math.floor(trialEnd.getTime() / 1000) + 60 - stripe.sandbox.now();
  await stripe.sandbox.advanceClock(seconds);
  return eventsSince(stripe.stripe, mark);
}

describe("a trial through Embedded Checkout", () => {
  it("starts trialing with access at once: no charge, a $0 order for the $0 invoice and no commission on it; the clock passes the trial's end, 4242 pays the first invoice, active, and the referrer earns on it", async () => {
    const trial = await startTrial("4242424242424242");
    const { buyer, community, checkout, referrer, row } = trial;
    const session = await stripe.stripe.checkout.sessions.retrieve(checkout.sessionId);
    expect(session).toMatchObject({ payment_status: "no_payment_required", amount_total: 0 });
    const atStripe = await stripe.stripe.subscriptions.retrieve(row.stripeSubscriptionId);
    expect(atStripe.status).toBe("trialing");
    expect(atStripe.trial_end! - atStripe.trial_start!).toBe(14 * DAY);

    const trialEnd = new Date(atStripe.trial_end! * 1000);
    let rows = await subscriptionRows(checkout.purchaseId, buyer.id);
    expect(rows.subscription).toMatchObject({
      status: "trialing",
      trialStart: new Date(atStripe.trial_start! * 1000),
      trialEnd,
      currentPeriodEnd: trialEnd,
      paidThrough: trialEnd,
      cancelAtPeriodEnd: false,
    });
    expect(rows.orders.map((order) => [order.id, order.status, order.amount])).toEqual([
      [checkout.orderId, "PAID", 0],
    ]);
    expect(rows.orders[0].providerInvoiceId).toBe(session.invoice);
    expect(rows.user).toEqual({ plan: "pro", stripeSubscriptionStatus: "trialing" });
    expect(rows.memberships.map((membership) => membership.expiresAt)).toEqual([trialEnd]);
    expect(rows.trail).toEqual(["GRANT"]);
    expect(await hasCommunityAccess(buyer.id, community.id)).toBe(true);
    expect(await db.commission.count({ where: { beneficiaryId: referrer.id } })).toBe(0);
    const returned = await captureCheckoutSession({
      userId: buyer.id,
      sessionId: checkout.sessionId,
    });
    expect(returned).toMatchObject({ status: "paid", freeTrial: true });

    const events = await passTrialEnd(trialEnd);
    expect(events.map((event) => event.type)).toContain("customer.subscription.trial_will_end");
    const answers = await deliverTwice(events);
    const notice = events.find((event) => event.type === "customer.subscription.trial_will_end")!;
    expect(await outcomeOf(notice)).toMatchObject({
      outcome: "PROCESSED",
      details: { note: "trial_ends_soon", trialEnd: trialEnd.toISOString() },
    });
    expect(
      answers.filter((answer) => answer.type === "customer.subscription.trial_will_end"),
    ).toMatchObject([{ duplicate: false }, { duplicate: true }]);

    const periodEnd = new Date(
      (await stripe.stripe.subscriptions.retrieve(row.stripeSubscriptionId)).items.data[0]
        .current_period_end * 1000,
    );
    rows = await subscriptionRows(checkout.purchaseId, buyer.id);
    expect(rows.subscription).toMatchObject({
      status: "active",
      trialEnd,
      currentPeriodStart: trialEnd,
      currentPeriodEnd: periodEnd,
      paidThrough: periodEnd,
      paymentFailure: null,
    });
    expect(rows.orders.map((order) => [order.status, order.amount])).toEqual([
      ["PAID", 0],
      ["PAID", 1900],
    ]);
    expect(rows.user.plan).toBe("pro");
    expect(rows.memberships.map((membership) => membership.expiresAt)).toEqual([periodEnd]);
    const commissions = await db.commission.findMany({ where: { beneficiaryId: referrer.id } });
    expect(commissions.map((entry) => [entry.orderId, entry.amount])).toEqual([
      [rows.orders[1].id, 190],
    ]);
  });

  it("with 0341 the trial starts (nothing is charged), the first charge at its end fails: past_due, a failed order, the reason for the banner, access only to the trial's end", async () => {
    const { buyer, checkout, row } = await startTrial("4000000000000341", 7);
    expect(row.status).toBe("trialing");
    const trialEnd = row.trialEnd!;

    const events = await passTrialEnd(trialEnd);
    expect(events.map((event) => event.type)).toContain("invoice.payment_failed");
    // Newest first: the failure and past_due before the trial's end is announced.
    await deliverTwice([...events].reverse());

    const rows = await subscriptionRows(checkout.purchaseId, buyer.id);
    expect(rows.subscription).toMatchObject({ status: "past_due", paidThrough: trialEnd });
    expect(rows.subscription?.paymentFailure).toMatch(/^The payment of \$19\.00 on .* failed\.$/);
    expect(rows.orders.map((order) => [order.status, order.amount])).toEqual([
      ["PAID", 0],
      ["FAILED", 1900],
    ]);
    expect(rows.user).toEqual({ plan: "free", stripeSubscriptionStatus: "past_due" });
    expect(rows.memberships.map((membership) => membership.expiresAt)).toEqual([trialEnd]);
  });

  it("canceled during the trial: access and pro to its end, then it ends and nothing is charged", async () => {
    const { buyer, checkout, community, row } = await startTrial("4242424242424242");
    const trialEnd = row.trialEnd!;
    let mark = await eventMark(stripe.stripe);
    // What "Cancel at period end" in the billing portal does.
    await stripe.stripe.subscriptions.update(row.stripeSubscriptionId, {
      cancel_at_period_end: true,
    });
    await deliverTwice(await eventsSince(stripe.stripe, mark));
    let rows = await subscriptionRows(checkout.purchaseId, buyer.id);
    expect(rows.subscription).toMatchObject({ status: "trialing", cancelAtPeriodEnd: true });
    expect(rows.user.plan).toBe("pro");
    expect(rows.memberships.map((membership) => membership.expiresAt)).toEqual([trialEnd]);
    expect(await hasCommunityAccess(buyer.id, community.id)).toBe(true);

    mark = await eventMark(stripe.stripe);
    const events = await passTrialEnd(trialEnd);
    expect(events.map((event) => event.type)).toEqual([
      "customer.subscription.trial_will_end",
      "customer.subscription.deleted",
    ]);
    await deliverTwice(events);
    rows = await subscriptionRows(checkout.purchaseId, buyer.id);
    expect(rows.subscription).toMatchObject({ status: "canceled", endedAt: trialEnd });
    expect(rows.orders.map((order) => order.amount)).toEqual([0]);
    expect(rows.user.plan).toBe("free");
    expect(await hasCommunityAccess(buyer.id, community.id)).toBe(false);
  });
});

describe("customer.subscription.trial_will_end out of order", () => {
  it("arriving after the trial ended (and again, duplicated) is accepted, recorded as ignored and changes nothing", async () => {
    const { buyer, checkout, row } = await startTrial("4242424242424242");
    const events = await passTrialEnd(row.trialEnd!);
    const notice = events.find((event) => event.type === "customer.subscription.trial_will_end")!;
    await deliverTwice(events.filter((event) => event !== notice));
    const before = await subscriptionRows(checkout.purchaseId, buyer.id);
    expect(before.subscription?.status).toBe("active");

    const answers = await deliverTwice([notice]);

    expect(answers).toMatchObject([
      { outcome: "ignored", duplicate: false },
      { outcome: "ignored", duplicate: true },
    ]);
    expect(await outcomeOf(notice)).toMatchObject({
      outcome: "IGNORED",
      details: { note: "trial_already_ended", status: "active" },
    });
    expect(await subscriptionRows(checkout.purchaseId, buyer.id)).toEqual(before);
  });

  it("arriving before anything else about its subscription is accepted and ignored", async () => {
    const { offering } = await trialOffering(2);
    const buyer = await makeUser();
    const checkout = await startCheckout(buyer.id, offering.id);
    const mark = await eventMark(stripe.stripe);
    await stripe.pay(checkout.sessionId, "4242424242424242");
    const events = await eventsSince(stripe.stripe, mark);
    // Under three days: Stripe announces the trial's end as it starts.
    const notice = events.find((event) => event.type === "customer.subscription.trial_will_end")!;
    expect(notice).toBeDefined();

    expect(await deliverTwice([notice])).toMatchObject([{ outcome: "ignored" }, {}]);
    expect(await outcomeOf(notice)).toMatchObject({ details: { note: "unknown_subscription" } });
    await deliverTwice(events);
    const rows = await subscriptionRows(checkout.purchaseId, buyer.id);
    expect(rows.subscription?.status).toBe("trialing");
  });
});
