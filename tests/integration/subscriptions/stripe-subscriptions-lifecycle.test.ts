/**
 * A subscription's life through signed Stripe events: the row, the user's plan, access and
 * orders move with each event.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import {
  deliverAt,
  scenarioInvoice,
  scenarioSubscription,
  subscriptionRows,
  subscribe,
  subscriptionScenario,
} from "../../helpers/stripe-subscriptions";
import { checkoutSession, DAY, unixNow } from "../../../tooling/stripe";

// Events that name no order of ours make the app ask Stripe: the sandbox answers.
setUpStripeSandbox();
beforeEach(resetDatabase);

describe("a subscription's whole life through Stripe events", () => {
  it("created → paid → renewed → payment failed → past_due → deleted, with plan, access and orders at each step", async () => {
    const scenario = await subscriptionScenario();
    const { user, community, purchaseId, orderId } = scenario;
    const start = unixNow() - 10 * DAY;
    const p1 = { periodStart: start, periodEnd: start + 30 * DAY };
    const p2 = { periodStart: p1.periodEnd, periodEnd: p1.periodEnd + 30 * DAY };
    const p3 = { periodStart: p2.periodEnd, periodEnd: p2.periodEnd + 30 * DAY };
    let at = unixNow() - 100;

    // created: the row exists and the subscription is live, before checkout is reported.
    await deliverAt("customer.subscription.created", scenarioSubscription(scenario, p1), at++);
    let rows = await subscriptionRows(purchaseId, user.id);
    expect(rows.subscription).toMatchObject({
      status: "active",
      stripeSubscriptionId: scenario.subscriptionId,
    });
    expect(rows.user).toEqual({ plan: "pro", stripeSubscriptionStatus: "active" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);

    // paid: the first invoice pays the order made before checkout; the checkout completion adds nothing.
    const firstInvoice = scenarioInvoice(scenario, { ...p1, billingReason: "subscription_create" });
    await deliverAt("invoice.paid", firstInvoice, at++);
    await deliverAt(
      "checkout.session.completed",
      checkoutSession({
        orderId,
        subscription: { id: scenario.subscriptionId, invoice: firstInvoice.id },
        customer: scenario.customerId,
        amount: 1900,
      }),
      at++,
    );
    rows = await subscriptionRows(purchaseId, user.id);
    expect(
      rows.orders.map((order) => [order.id, order.status, order.providerInvoiceId, order.amount]),
    ).toEqual([[orderId, "PAID", firstInvoice.id, 1900]]);
    expect(rows.orders[0].providerCaptureId).toBe("pi_test_subscription_payment");
    expect(rows.memberships.map((membership) => membership.expiresAt?.getTime())).toEqual([
      p1.periodEnd * 1000,
    ]);

    // renewed: a second order, access to the new period's end.
    await deliverAt("customer.subscription.updated", scenarioSubscription(scenario, p2), at++);
    const renewal = scenarioInvoice(scenario, { ...p2, paymentIntent: "pi_test_renewal" });
    await deliverAt("invoice.paid", renewal, at++);
    rows = await subscriptionRows(purchaseId, user.id);
    expect(rows.orders.map((order) => [order.status, order.providerInvoiceId])).toEqual([
      ["PAID", firstInvoice.id],
      ["PAID", renewal.id],
    ]);
    expect(rows.subscription?.paidThrough?.getTime()).toBe(p2.periodEnd * 1000);
    expect(rows.memberships[0].expiresAt?.getTime()).toBe(p2.periodEnd * 1000);
    expect(rows.trail).toEqual(["GRANT", "EXTEND"]);

    // payment failed, then past_due: access holds to the end of the paid period, plan falls to free.
    const failed = scenarioInvoice(scenario, { ...p3, status: "open" });
    await deliverAt("invoice.payment_failed", failed, at++);
    await deliverAt(
      "customer.subscription.updated",
      scenarioSubscription(scenario, { ...p3, status: "past_due" }),
      at++,
    );
    rows = await subscriptionRows(purchaseId, user.id);
    expect(rows.subscription?.status).toBe("past_due");
    expect(rows.subscription?.paymentFailure).toMatch(/The payment of \$19\.00 on .* failed/);
    expect(rows.orders.map((order) => order.status)).toEqual(["PAID", "PAID", "FAILED"]);
    expect(rows.user).toEqual({ plan: "free", stripeSubscriptionStatus: "past_due" });
    expect(rows.memberships[0].expiresAt?.getTime()).toBe(p2.periodEnd * 1000);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);

    // deleted: access ends now.
    await deliverAt(
      "customer.subscription.deleted",
      scenarioSubscription(scenario, { ...p3, status: "canceled", endedAt: at }),
      at++,
    );
    rows = await subscriptionRows(purchaseId, user.id);
    expect(rows.subscription?.status).toBe("canceled");
    expect(rows.user).toEqual({ plan: "free", stripeSubscriptionStatus: "canceled" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
    expect(rows.trail).toEqual(["GRANT", "EXTEND", "REVOKE"]);
    const purchase = await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } });
    expect(purchase.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("a failed renewal keeps access to the end of the paid period, then it lapses", async () => {
    const scenario = await subscriptionScenario();
    const { user, community, purchaseId } = scenario;
    const paid = { periodStart: unixNow() - 40 * DAY, periodEnd: unixNow() - 2 };
    const unpaid = { periodStart: paid.periodEnd, periodEnd: paid.periodEnd + 30 * DAY };
    const at = unixNow() - 50;

    await subscribe(scenario, paid, at);
    await deliverAt(
      "customer.subscription.updated",
      scenarioSubscription(scenario, { ...unpaid, status: "past_due" }),
      at + 2,
    );

    const rows = await subscriptionRows(purchaseId, user.id);
    expect(rows.subscription?.paidThrough?.getTime()).toBe(paid.periodEnd * 1000);
    expect(rows.memberships[0].expiresAt?.getTime()).toBe(paid.periodEnd * 1000);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("cancel at period end keeps access to the period's end; unpaid revokes it", async () => {
    const scenario = await subscriptionScenario({ pricingType: "YEARLY", priceAmount: 19000 });
    const { user, community, purchaseId } = scenario;
    const period = { periodStart: unixNow() - DAY, periodEnd: unixNow() + 364 * DAY };
    const at = unixNow() - 50;
    await subscribe(scenario, period, at);
    await deliverAt(
      "customer.subscription.updated",
      scenarioSubscription(scenario, { ...period, cancelAtPeriodEnd: true }),
      at + 2,
    );

    let rows = await subscriptionRows(purchaseId, user.id);
    expect(rows.subscription).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    expect(rows.user.plan).toBe("pro");
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);

    await deliverAt(
      "customer.subscription.updated",
      scenarioSubscription(scenario, { ...period, status: "unpaid" }),
      at + 3,
    );
    rows = await subscriptionRows(purchaseId, user.id);
    expect(rows.user).toEqual({ plan: "free", stripeSubscriptionStatus: "unpaid" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });
});
