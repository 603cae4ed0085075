/**
 * Every path that completes or refunds a purchase writes its outbox messages in the same
 * transaction (the triggers of prisma/functions/outbox_*.sql): the Stripe webhook's one-statement
 * fast path and its general path, the offering webhook, an admin's replay of a failed event, an
 * admin refund and Stripe's refund event. A copy of an event changes no row and writes nothing;
 * a refused payment writes nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { COMMISSION_RULES_KEY } from "@/lib/commissions/commission-rules";
import { catalogue } from "@/lib/outbox/catalogue";
import { refundPurchaseAsAdmin } from "@/lib/purchases/refund-purchase-as-admin";
import { replayEvent } from "@/lib/payments/replay-event";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import {
  embeddedOffering,
  makeCommunity,
  makeUser,
  pendingPurchaseScenario,
} from "../../../tooling/seed/factories";
import { checkoutSession, refundedCharge, stripeEvent } from "../../../tooling/stripe";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { dispatchAll, outboxMessages, outboxTypes } from "../../helpers/outbox";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent, pendingStripeOrderScenario } from "../../helpers/stripe-webhook";

// charge.refunded asks Stripe which session a payment intent paid: the sandbox answers.
setUpStripeSandbox();
beforeEach(resetDatabase);

const completed = (orderId: string, fields: Parameters<typeof checkoutSession>[0] = {}) =>
  stripeEvent("checkout.session.completed", checkoutSession({ orderId, ...fields }));

async function messageOfType(purchaseId: string, type: string) {
  const found = (await outboxMessages({ purchaseId })).find((message) => message.type === type);
  if (!found) throw new Error(`no ${type} message about ${purchaseId}`);
  return found;
}

describe("purchase messages on every payment path", () => {
  it("the Stripe fast path: purchase.completed and one access.granted per community, once, whatever the copies", async () => {
    const second = await makeCommunity("Second");
    const scenario = await pendingStripeOrderScenario({ accessDurationDays: 30 });
    await db.offeringCommunity.create({
      data: { offeringId: scenario.offering.id, communityId: second.id },
    });
    const event = completed(scenario.orderId, { paymentIntent: "pi_outbox" });

    expect((await deliverStripeEvent(event)).status).toBe(200);
    expect((await deliverStripeEvent(event)).body).toMatchObject({ duplicate: true });

    expect(await outboxTypes({ purchaseId: scenario.purchaseId })).toEqual([
      "access.granted",
      "access.granted",
      "purchase.completed",
    ]);
    const messages = await outboxMessages({ purchaseId: scenario.purchaseId });
    expect(messages.map((message) => message.id)).toEqual(
      messages.map(() => expect.stringMatching(/^msg_[0-9a-f]{32}$/)),
    );
    expect(messages.every((message) => message.data === null && !message.dispatchedAt)).toBe(true);

    // Dispatched, the payload says what a receiver needs, checked against the catalogue.
    expect(await dispatchAll()).toBe(3);
    const purchase = await messageOfType(scenario.purchaseId, "purchase.completed");
    expect(catalogue["purchase.completed"].data.parse(purchase.data)).toEqual(purchase.data);
    expect(purchase.data).toMatchObject({
      purchaseId: scenario.purchaseId,
      orderId: scenario.orderId,
      subscriptionId: null,
      user: { id: scenario.user.id, email: scenario.user.email },
      offering: { id: scenario.offering.id, name: scenario.offering.name, pricingType: "one_time" },
      amount: 4900,
      currency: "usd",
    });
    const communities = (purchase.data as { communities: { id: string; url: string }[] })
      .communities;
    expect(communities.map((community) => community.id).sort()).toEqual(
      [scenario.community.id, second.id].sort(),
    );
    expect(communities[0].url).toBe(`http://localhost:3000/communities/${communities[0].id}`);
    const grants = await outboxMessages({ purchaseId: scenario.purchaseId, action: "GRANT" });
    expect(
      grants.map((grant) => (grant.data as { community: { id: string } }).community.id).sort(),
    ).toEqual([scenario.community.id, second.id].sort());
    for (const grant of grants) {
      expect(grant.data).toMatchObject({
        user: { id: scenario.user.id },
        offering: { id: scenario.offering.id },
        manual: false,
        accessEndsAt: (
          await db.purchase.findUniqueOrThrow({ where: { id: scenario.purchaseId } })
        ).expiresAt!.toISOString(),
      });
    }
  });

  it("a refused payment (another amount) writes nothing", async () => {
    const { purchaseId, orderId } = await pendingStripeOrderScenario();
    expect((await deliverStripeEvent(completed(orderId, { amount: 100 }))).status).toBe(422);
    expect(await outboxTypes({ purchaseId })).toEqual([]);
  });

  it("the general path (a referred order, with its commission) writes the same, and commission.earned", async () => {
    const referrer = await makeUser();
    await db.user.update({ where: { id: referrer.id }, data: { referralCode: "ref-outbox" } });
    await db.setting.create({
      data: {
        key: COMMISSION_RULES_KEY,
        value: { holdDays: 14, defaultRateBps: 1000, level2RateBps: 0, level3RateBps: 0 },
      },
    });
    const { offering } = await embeddedOffering();
    const buyer = await makeUser();
    const row = await db.offering.findUniqueOrThrow({ where: { id: offering.id } });
    const opened = await db.$transaction((tx) =>
      openPendingPurchase(tx, {
        userId: buyer.id,
        offering: row,
        provider: "STRIPE",
        referralCode: "ref-outbox",
      }),
    );
    await deliverStripeEvent(completed(opened.orderId));
    await deliverStripeEvent(completed(opened.orderId));

    expect(await outboxTypes({ purchaseId: opened.purchaseId })).toEqual([
      "access.granted",
      "purchase.completed",
    ]);
    expect(await outboxTypes({ beneficiaryId: referrer.id })).toEqual(["commission.earned"]);
    await dispatchAll();
    const [earned] = await outboxMessages({ beneficiaryId: referrer.id });
    expect(earned.data).toMatchObject({
      orderId: opened.orderId,
      level: 1,
      beneficiary: { id: referrer.id, email: referrer.email },
      amount: 490,
      currency: "usd",
      rateBps: 1000,
    });
  });

  it("the offering webhook: completed and granted once, then refunded and revoked", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const secret = { secret: offering.webhookSecret };
    const paid = { status: "succeeded", purchase_id: purchaseId, payment_id: "pay_outbox" };
    expect((await postOfferingWebhook(offering.id, paid, secret)).status).toBe(200);
    expect((await postOfferingWebhook(offering.id, paid, secret)).status).toBe(200);
    expect(await outboxTypes({ purchaseId })).toEqual(["access.granted", "purchase.completed"]);

    const refund = { status: "refunded", purchase_id: purchaseId, payment_id: "pay_outbox" };
    expect((await postOfferingWebhook(offering.id, refund, secret)).status).toBe(200);
    expect((await postOfferingWebhook(offering.id, refund, secret)).status).toBe(200);
    expect(await outboxTypes({ purchaseId })).toEqual([
      "access.granted",
      "access.revoked",
      "purchase.completed",
      "purchase.refunded",
    ]);
    await dispatchAll();
    const refundedMessage = await messageOfType(purchaseId, "purchase.refunded");
    expect(refundedMessage.data).toMatchObject({ purchaseId, amount: 4900, currency: "usd" });
  });

  it("a renewal an external provider reports: subscription.renewed (no Stripe subscription) and access.extended", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario({ pricingType: "YEARLY" });
    const post = (paymentId: string) =>
      postOfferingWebhook(
        offering.id,
        { status: "succeeded", purchase_id: purchaseId, payment_id: paymentId },
        { secret: offering.webhookSecret },
      );
    await post("year_1");
    await post("year_2");
    await post("year_2");

    expect(await outboxTypes({ purchaseId })).toEqual([
      "access.extended",
      "access.granted",
      "purchase.completed",
      "subscription.renewed",
    ]);
    await dispatchAll();
    const renewed = await messageOfType(purchaseId, "subscription.renewed");
    const purchase = await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } });
    expect(renewed.data).toMatchObject({
      subscriptionId: null,
      purchaseId,
      amount: 4900,
      currency: "usd",
      accessEndsAt: purchase.expiresAt!.toISOString(),
    });
  });

  it("Stripe's charge.refunded and an admin refund each report the refund once", async () => {
    const stripePaid = await pendingStripeOrderScenario();
    await deliverStripeEvent(completed(stripePaid.orderId, { paymentIntent: "pi_refund_outbox" }));
    const refund = stripeEvent(
      "charge.refunded",
      refundedCharge({ paymentIntent: "pi_refund_outbox" }),
    );
    await deliverStripeEvent(refund);
    await deliverStripeEvent(refund);
    expect(await outboxTypes({ purchaseId: stripePaid.purchaseId })).toEqual([
      "access.granted",
      "access.revoked",
      "purchase.completed",
      "purchase.refunded",
    ]);

    const external = await pendingPurchaseScenario();
    await postOfferingWebhook(
      external.offering.id,
      { status: "succeeded", purchase_id: external.purchaseId, payment_id: "pay_admin" },
      { secret: external.offering.webhookSecret },
    );
    const admin = await makeUser({ role: "ADMIN" });
    await refundPurchaseAsAdmin({ purchaseId: external.purchaseId, adminId: admin.id });
    await expect(
      refundPurchaseAsAdmin({ purchaseId: external.purchaseId, adminId: admin.id }),
    ).rejects.toThrow();
    expect(await outboxTypes({ purchaseId: external.purchaseId })).toEqual([
      "access.granted",
      "access.revoked",
      "purchase.completed",
      "purchase.refunded",
    ]);
    const revoked = await outboxMessages({ purchaseId: external.purchaseId, action: "REVOKE" });
    expect(revoked.map((message) => message.subject.manual)).toEqual([true]);
  });

  it("a refund that arrives before the completion reports nothing: no purchase was completed", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const secret = { secret: offering.webhookSecret };
    await postOfferingWebhook(
      offering.id,
      { status: "refunded", purchase_id: purchaseId, payment_id: "pay_early" },
      secret,
    );
    await postOfferingWebhook(
      offering.id,
      { status: "succeeded", purchase_id: purchaseId, payment_id: "pay_early" },
      secret,
    );
    expect(await outboxTypes({ purchaseId })).toEqual([]);
  });

  it("an admin's replay of a failed event writes the messages when it applies, once", async () => {
    const scenario = await pendingStripeOrderScenario();
    const event = completed(scenario.orderId, { amount: 100 });
    expect((await deliverStripeEvent(event)).status).toBe(422);
    const record = await db.processedEvent.findFirstOrThrow({
      where: { providerEventId: event.id },
    });
    // The order's amount was wrong on our side; fixed, the replay applies the event.
    await db.order.update({ where: { id: scenario.orderId }, data: { amount: 100 } });
    const admin = await makeUser({ role: "ADMIN" });

    await replayEvent({ eventRecordId: record.id, adminId: admin.id });
    await replayEvent({ eventRecordId: record.id, adminId: admin.id }).catch(() => {});

    expect(await outboxTypes({ purchaseId: scenario.purchaseId })).toEqual([
      "access.granted",
      "purchase.completed",
    ]);
  });
});
