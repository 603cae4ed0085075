/**
 * Refunding one invoice of a running subscription, through the app's own code against the Stripe
 * sandbox: an admin's partial then full refund of a renewal, the charge.refunded events Stripe
 * sends for them delivered signed, duplicated and out of order, a dashboard refund the app only
 * hears of by webhook, and "also cancel". Only the refunded invoice's order changes; access and
 * the subscription run on, and no purchase.refunded or access.revoked leaves the app.
 */
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { refundInvoiceAsAdmin } from "@/lib/subscriptions/refund-invoice-as-admin";
import { embeddedOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import { deliverTwice } from "../../helpers/trials";
import { eventMark, eventsSince } from "@offerings/stripe-sandbox/testing";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);
beforeEach(async () => {
  const live = await stripe.stripe.subscriptions.list({ limit: 100 });
  for (const subscription of live.data) await stripe.stripe.subscriptions.cancel(subscription.id);
});

const DAY = 86_400;

/** A referred buyer subscribed at $19 a month, paid, and renewed once by the clock. */
async function renewedSubscription() {
  const { community, offering } = await embeddedOffering({
    name: `Club ${randomUUID().slice(0, 6)}`,
    priceAmount: 1900,
    pricingType: "MONTHLY",
    commissionRateBps: 1000,
  });
  const referrer = await makeUser();
  const code = `code-${randomUUID().slice(0, 8)}`;
  await db.user.update({ where: { id: referrer.id }, data: { referralCode: code } });
  const buyer = await makeUser();
  const admin = await makeUser({ role: "ADMIN" });
  const checkout = await startEmbeddedCheckout({
    userId: buyer.id,
    offeringId: offering.id,
    referralCode: code,
  });
  if (!checkout.success) throw new Error("expected a checkout");
  let mark = await eventMark(stripe.stripe);
  await stripe.pay(checkout.sessionId, "4242424242424242");
  await deliverTwice((await eventsSince(stripe.stripe, mark)).reverse());
  mark = await eventMark(stripe.stripe);
  await stripe.sandbox.advanceClock(31 * DAY);
  await deliverTwice(await eventsSince(stripe.stripe, mark));
  const subscription = await db.subscription.findUniqueOrThrow({
    where: { purchaseId: checkout.purchaseId },
  });
  const [renewal, first] = await db.order.findMany({
    where: { purchaseId: checkout.purchaseId, status: "PAID" },
    orderBy: { createdAt: "desc" },
  });
  expect(renewal?.providerInvoiceId).toBeTruthy();
  return { community, buyer, admin, referrer, subscription, renewal: renewal!, first: first! };
}

function refund(
  scenario: Awaited<ReturnType<typeof renewedSubscription>>,
  amount: number,
  alsoCancel = false,
) {
  return refundInvoiceAsAdmin({
    subscriptionId: scenario.subscription.id,
    orderId: scenario.renewal.id,
    amount,
    reason: "requested_by_customer",
    note: "asked by email",
    alsoCancel,
    requestId: randomUUID().replace(/-/g, ""),
    adminId: scenario.admin.id,
  });
}

async function state(scenario: Awaited<ReturnType<typeof renewedSubscription>>) {
  const [renewal, first, subscription, commissions, told] = await Promise.all([
    db.order.findUniqueOrThrow({ where: { id: scenario.renewal.id } }),
    db.order.findUniqueOrThrow({ where: { id: scenario.first.id } }),
    db.subscription.findUniqueOrThrow({ where: { id: scenario.subscription.id } }),
    db.commission.findMany({
      where: { orderId: scenario.renewal.id },
      orderBy: { kind: "asc" },
      select: { kind: true, status: true, amount: true },
    }),
    db.outboxMessage.findMany({
      where: { type: { in: ["purchase.refunded", "access.revoked"] } },
      select: { type: true },
    }),
  ]);
  return {
    renewal: [renewal.status, renewal.refundedAmount],
    first: [first.status, first.refundedAmount],
    subscription: subscription.status,
    commissions: commissions.map((entry) => [entry.kind, entry.status, entry.amount]),
    told: told.map((message) => message.type),
    access: await hasCommunityAccess(scenario.buyer.id, scenario.community.id),
  };
}

function chargeRefundedEvents(events: Stripe.Event[]) {
  return events.filter((event) => event.type === "charge.refunded");
}

describe("refunding one invoice of a running subscription", () => {
  it("a partial then a full admin refund mark only that invoice, adjust then reverse its commission, keep access; Stripe's events, duplicated and reversed, change nothing", async () => {
    const scenario = await renewedSubscription();
    const mark = await eventMark(stripe.stripe);

    expect(await refund(scenario, 500)).toMatchObject({ refundedAmount: 500, full: false });
    expect(await state(scenario)).toEqual({
      renewal: ["PAID", 500],
      first: ["PAID", 0],
      subscription: "active",
      commissions: [
        ["ADJUSTMENT", "PENDING", -50],
        ["EARNING", "PENDING", 190],
      ],
      told: [],
      access: true,
    });
    await expect(refund(scenario, 1500)).rejects.toMatchObject({ code: "validation_failed" });

    expect(await refund(scenario, 1400)).toMatchObject({ refundedAmount: 1900, full: true });
    const refunded = {
      renewal: ["REFUNDED", 1900],
      first: ["PAID", 0],
      subscription: "active",
      commissions: [
        ["ADJUSTMENT", "REVERSED", -50],
        ["EARNING", "REVERSED", 190],
      ],
      told: [],
      access: true,
    };
    expect(await state(scenario)).toEqual(refunded);

    const events = chargeRefundedEvents(await eventsSince(stripe.stripe, mark));
    expect(events.map((event) => (event.data.object as Stripe.Charge).amount_refunded)).toEqual([
      500, 1900,
    ]);
    expect((events[0].data.object as Stripe.Charge).refunded).toBe(false);
    const answers = await deliverTwice([...events].reverse());
    expect(answers.map((answer) => (answer as { outcome?: string }).outcome)).toEqual([
      "processed",
      "processed",
      "processed",
      "processed",
    ]);
    expect(await state(scenario)).toEqual(refunded);
    const audits = await db.auditEntry.findMany({ where: { action: "invoice.refund" } });
    expect(audits.map((entry) => (entry.details as { amount: number }).amount).sort()).toEqual([
      1400, 500,
    ]);
    expect(await refund(scenario, 1).catch((error) => error.code)).toBe("already_refunded");
  });

  it("a refund made at Stripe is heard by webhook: partial events in reverse order converge, a commission already paid out gets a negative adjustment", async () => {
    const scenario = await renewedSubscription();
    await db.commission.updateMany({
      where: { orderId: scenario.renewal.id },
      data: { status: "PAID" },
    });
    const mark = await eventMark(stripe.stripe);
    await stripe.stripe.refunds.create({
      payment_intent: scenario.renewal.providerCaptureId!,
      amount: 300,
    });
    await stripe.stripe.refunds.create({
      payment_intent: scenario.renewal.providerCaptureId!,
      amount: 700,
    });
    const events = chargeRefundedEvents(await eventsSince(stripe.stripe, mark));
    await deliverTwice([...events].reverse());

    expect(await state(scenario)).toEqual({
      renewal: ["PAID", 1000],
      first: ["PAID", 0],
      subscription: "active",
      commissions: [
        ["ADJUSTMENT", "PENDING", -100],
        ["EARNING", "PAID", 190],
      ],
      told: [],
      access: true,
    });
  });

  it("“also cancel” refunds the invoice and ends the subscription now: the usual path revokes", async () => {
    const scenario = await renewedSubscription();
    expect(await refund(scenario, 1900, true)).toMatchObject({ full: true, canceled: true });
    const after = await state(scenario);
    expect(after).toMatchObject({
      renewal: ["REFUNDED", 1900],
      first: ["PAID", 0],
      subscription: "canceled",
      access: false,
    });
    expect(after.told).not.toContain("purchase.refunded");
  });
});
