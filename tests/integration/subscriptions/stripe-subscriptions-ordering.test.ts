/**
 * Subscription events arrive at least once, in any order, concurrently, and sometimes about
 * customers we never saw: each changes state once and only forward.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import {
  deliverAt,
  scenarioInvoice,
  scenarioSubscription,
  subscriptionRows,
  subscribe,
  subscriptionScenario,
} from "../../helpers/stripe-subscriptions";
import {
  checkoutSession,
  DAY,
  stripeEvent,
  subscriptionObject,
  unixNow,
} from "../../../tooling/stripe";

// Events that name no order of ours make the app ask Stripe: the sandbox answers.
setUpStripeSandbox();
beforeEach(resetDatabase);

describe("ordering", () => {
  it("a stale `updated` (active) after `deleted` leaves the user free with no access", async () => {
    const scenario = await subscriptionScenario();
    const { user, community, purchaseId } = scenario;
    const period = { periodStart: unixNow() - DAY, periodEnd: unixNow() + 29 * DAY };
    const at = unixNow() - 50;
    await subscribe(scenario, period, at);
    await deliverAt(
      "customer.subscription.deleted",
      scenarioSubscription(scenario, { ...period, status: "canceled", endedAt: at + 10 }),
      at + 10,
    );

    const stale = await deliverAt(
      "customer.subscription.updated",
      scenarioSubscription(scenario, period),
      at + 5,
    );
    expect(stale).toMatchObject({ received: true, outcome: "ignored" });
    // Even an `updated` stamped the same second as the deletion cannot revive it.
    const sameSecond = await deliverAt(
      "customer.subscription.updated",
      scenarioSubscription(scenario, period),
      at + 10,
    );
    expect(sameSecond).toMatchObject({ outcome: "ignored" });

    const rows = await subscriptionRows(purchaseId, user.id);
    expect(rows.subscription?.status).toBe("canceled");
    expect(rows.user.plan).toBe("free");
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
    const stored = await db.processedEvent.findMany({
      where: { type: "customer.subscription.updated" },
      select: { outcome: true, details: true },
    });
    expect(stored.map((event) => event.outcome)).toEqual(["IGNORED", "IGNORED"]);
  });

  it("builds the row from a subscription event that arrives before its checkout completion, and records the first payment once", async () => {
    const scenario = await subscriptionScenario();
    const { user, community, purchaseId, orderId } = scenario;
    const period = { periodStart: unixNow() - 60, periodEnd: unixNow() + 30 * DAY };
    const at = unixNow() - 30;
    const invoiceId = "in_test_first_invoice";

    await deliverAt("customer.subscription.updated", scenarioSubscription(scenario, period), at);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    await deliverAt(
      "checkout.session.completed",
      checkoutSession({
        orderId,
        subscription: { id: scenario.subscriptionId, invoice: invoiceId },
        customer: scenario.customerId,
        amount: 1900,
      }),
      at + 1,
    );
    await deliverAt(
      "invoice.paid",
      scenarioInvoice(scenario, { ...period, id: invoiceId, billingReason: "subscription_create" }),
      at + 2,
    );

    const rows = await subscriptionRows(purchaseId, user.id);
    expect(await db.subscription.count()).toBe(1);
    expect(rows.orders.map((order) => [order.id, order.status, order.providerInvoiceId])).toEqual([
      [orderId, "PAID", invoiceId],
    ]);
    expect(rows.trail).toEqual(["GRANT"]);
  });

  it("1,000 deliveries of one invoice.paid from 50 clients make one order and one extension, with no 5xx", async () => {
    const scenario = await subscriptionScenario();
    const { user, purchaseId } = scenario;
    const p1 = { periodStart: unixNow() - DAY, periodEnd: unixNow() + 29 * DAY };
    const p2 = { periodStart: p1.periodEnd, periodEnd: p1.periodEnd + 30 * DAY };
    await subscribe(scenario, p1, unixNow() - 20);
    const renewal = stripeEvent(
      "invoice.paid",
      scenarioInvoice(scenario, { ...p2, paymentIntent: "pi_test_renewal" }),
    );

    const statuses: number[] = [];
    const client = async () => {
      for (let delivery = 0; delivery < 20; delivery++)
        statuses.push((await deliverStripeEvent(renewal)).status);
    };
    await Promise.all(Array.from({ length: 50 }, client));

    expect(statuses).toHaveLength(1000);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const rows = await subscriptionRows(purchaseId, user.id);
    expect(
      rows.orders.filter((order) => order.providerInvoiceId === renewal.data.object.id),
    ).toHaveLength(1);
    expect(rows.trail).toEqual(["GRANT", "EXTEND"]);
    expect(rows.memberships[0].expiresAt?.getTime()).toBe(p2.periodEnd * 1000);
  });
});

describe("plans and strangers", () => {
  it("two subscriptions to different offerings: the plan stays pro until both end", async () => {
    const first = await subscriptionScenario();
    const other = await subscriptionScenario({
      user: { ...first.user, customerId: first.customerId },
    });
    const period = { periodStart: unixNow() - DAY, periodEnd: unixNow() + 29 * DAY };
    let at = unixNow() - 50;
    for (const scenario of [first, other]) {
      at = 1 + (await subscribe(scenario, period, at));
    }
    const plan = async () =>
      db.user.findUniqueOrThrow({
        where: { id: first.user.id },
        select: { plan: true, stripeSubscriptionStatus: true },
      });
    expect(await plan()).toEqual({ plan: "pro", stripeSubscriptionStatus: "active" });

    await deliverAt(
      "customer.subscription.deleted",
      scenarioSubscription(first, { ...period, status: "canceled", endedAt: at }),
      at++,
    );
    expect(await plan()).toEqual({ plan: "pro", stripeSubscriptionStatus: "active" });
    expect(await hasCommunityAccess(first.user.id, first.community.id)).toBe(false);
    expect(await hasCommunityAccess(first.user.id, other.community.id)).toBe(true);

    await deliverAt(
      "customer.subscription.deleted",
      scenarioSubscription(other, { ...period, status: "canceled", endedAt: at }),
      at++,
    );
    expect(await plan()).toEqual({ plan: "free", stripeSubscriptionStatus: "canceled" });
  });

  it("records an event about a customer we do not know as unmatched, with a 2xx", async () => {
    const period = { periodStart: unixNow() - DAY, periodEnd: unixNow() + 29 * DAY };
    const stranger = subscriptionObject({
      id: "sub_test_stranger",
      customer: "cus_test_stranger",
      priceId: "price_test_unknown",
      ...period,
    });
    const answer = await deliverAt("customer.subscription.updated", stranger, unixNow());
    expect(answer).toMatchObject({ received: true, outcome: "unmatched" });
    const stored = await db.processedEvent.findFirstOrThrow({
      where: { type: "customer.subscription.updated" },
    });
    expect(stored).toMatchObject({ outcome: "UNMATCHED", error: "unknown_customer" });
    expect(await db.subscription.count()).toBe(0);
  });
});
