/**
 * A subscription's life through signed Stripe events writes its outbox messages as each change
 * commits: created, the first payment (purchase.completed), renewals (subscription.renewed and
 * access.extended), a failed renewal (subscription.past_due, and the access end moved back to
 * the paid period), cancellation (once, announced at the request and not again at the end),
 * and the end of access. Stale and repeated events write nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { dispatchAll, outboxMessages, outboxTypes } from "../../helpers/outbox";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import {
  deliverAt,
  scenarioInvoice,
  scenarioSubscription,
  subscribe,
  subscriptionScenario,
} from "../../helpers/stripe-subscriptions";
import { DAY, subscriptionObject, unixNow } from "../../../tooling/stripe";

// Events that name no order of ours make the app ask Stripe: the sandbox answers.
setUpStripeSandbox();
beforeEach(resetDatabase);

describe("subscription messages", () => {
  it("created → paid → renewed → past_due → deleted, each reported once", async () => {
    const scenario = await subscriptionScenario();
    const { purchaseId } = scenario;
    const start = unixNow() - 10 * DAY;
    const p1 = { periodStart: start, periodEnd: start + 30 * DAY };
    const p2 = { periodStart: p1.periodEnd, periodEnd: p1.periodEnd + 30 * DAY };
    const p3 = { periodStart: p2.periodEnd, periodEnd: p2.periodEnd + 30 * DAY };
    let at = unixNow() - 100;

    const created = scenarioSubscription(scenario, p1);
    await deliverAt("customer.subscription.created", created, at++);
    const firstInvoice = scenarioInvoice(scenario, { ...p1, billingReason: "subscription_create" });
    await deliverAt("invoice.paid", firstInvoice, at++);
    await deliverAt("invoice.paid", firstInvoice, at++); // a copy
    expect(await outboxTypes({ purchaseId })).toEqual([
      "access.granted",
      "purchase.completed",
      "subscription.created",
    ]);

    await deliverAt("customer.subscription.updated", scenarioSubscription(scenario, p2), at++);
    const renewal = scenarioInvoice(scenario, { ...p2, paymentIntent: "pi_test_renewal" });
    await deliverAt("invoice.paid", renewal, at++);
    await deliverAt("invoice.paid", renewal, at++);
    // A stale snapshot (older than what was applied) changes nothing.
    await deliverAt("customer.subscription.updated", created, at - 10);
    expect(await outboxTypes({ purchaseId })).toEqual([
      "access.extended",
      "access.granted",
      "purchase.completed",
      "subscription.created",
      "subscription.renewed",
    ]);

    await deliverAt(
      "invoice.payment_failed",
      scenarioInvoice(scenario, { ...p3, status: "open" }),
      at++,
    );
    const pastDue = scenarioSubscription(scenario, { ...p3, status: "past_due" });
    await deliverAt("customer.subscription.updated", pastDue, at++);
    await deliverAt("customer.subscription.updated", pastDue, at++);
    await deliverAt(
      "customer.subscription.deleted",
      scenarioSubscription(scenario, { ...p3, status: "canceled", endedAt: at }),
      at++,
    );
    expect(await outboxTypes({ purchaseId })).toEqual([
      "access.extended",
      "access.granted",
      "access.revoked",
      "purchase.completed",
      "subscription.canceled",
      "subscription.created",
      "subscription.past_due",
      "subscription.renewed",
    ]);

    await dispatchAll();
    const messages = await outboxMessages({ purchaseId });
    const of = (type: string) => messages.filter((message) => message.type === type);
    expect(of("subscription.renewed")[0].data).toMatchObject({
      purchaseId,
      amount: 1900,
      currency: "usd",
      accessEndsAt: new Date(p2.periodEnd * 1000).toISOString(),
    });
    expect(of("access.extended")[0].data).toMatchObject({
      change: "later",
      accessEndsAt: new Date(p2.periodEnd * 1000).toISOString(),
      subscriptionId: expect.any(String),
    });
    expect(of("subscription.past_due")[0].data).toMatchObject({
      status: "past_due",
      paidThrough: new Date(p2.periodEnd * 1000).toISOString(),
      paymentFailure: expect.stringMatching(/The payment of \$19\.00/),
      billingUrl: "http://localhost:3000/dashboard/billing",
    });
    expect(of("subscription.canceled")[0].data).toMatchObject({
      status: "canceled",
      user: { id: scenario.user.id, email: scenario.user.email },
    });
  });

  it("a renewal that fails moves the access end back to the paid period: access.extended, earlier", async () => {
    const scenario = await subscriptionScenario();
    const p1 = { periodStart: unixNow() - 20 * DAY, periodEnd: unixNow() + 10 * DAY };
    const p2 = { periodStart: p1.periodEnd, periodEnd: p1.periodEnd + 30 * DAY };
    const at = await subscribe(scenario, p1, unixNow() - 50);
    // Stripe moves the period on before the renewal is charged; the charge then fails.
    await deliverAt("customer.subscription.updated", scenarioSubscription(scenario, p2), at + 1);
    await deliverAt(
      "customer.subscription.updated",
      scenarioSubscription(scenario, { ...p2, status: "past_due" }),
      at + 2,
    );

    await dispatchAll();
    const moves = (await outboxMessages({ purchaseId: scenario.purchaseId }))
      .filter((message) => message.type === "access.extended")
      .map((message) => [message.data?.change, message.data?.accessEndsAt]);
    expect(moves).toEqual([
      ["later", new Date(p2.periodEnd * 1000).toISOString()],
      ["earlier", new Date(p1.periodEnd * 1000).toISOString()],
    ]);
  });

  it("cancel at period end is announced once, at the request, not again when the period ends", async () => {
    const scenario = await subscriptionScenario();
    const period = { periodStart: unixNow() - DAY, periodEnd: unixNow() + 29 * DAY };
    const at = await subscribe(scenario, period, unixNow() - 50);
    const canceledAt = at + 1;
    const fields = {
      id: scenario.subscriptionId,
      customer: scenario.customerId,
      priceId: scenario.priceId,
      metadata: scenario.metadata,
      ...period,
      canceledAt,
    };
    const scheduled = subscriptionObject({ ...fields, cancelAtPeriodEnd: true });
    await deliverAt("customer.subscription.updated", scheduled, at + 1);
    await deliverAt("customer.subscription.updated", scheduled, at + 2);
    await deliverAt(
      "customer.subscription.deleted",
      subscriptionObject({
        ...fields,
        cancelAtPeriodEnd: true,
        status: "canceled",
        endedAt: at + 3,
      }),
      at + 3,
    );

    const canceled = (await outboxMessages({ purchaseId: scenario.purchaseId })).filter(
      (message) => message.type === "subscription.canceled",
    );
    expect(canceled).toHaveLength(1);
    await dispatchAll();
    const [message] = (await outboxMessages({ purchaseId: scenario.purchaseId })).filter(
      (candidate) => candidate.type === "subscription.canceled",
    );
    expect(message.data).toMatchObject({
      cancelAtPeriodEnd: true,
      canceledAt: new Date(canceledAt * 1000).toISOString(),
      endsAt: new Date(period.periodEnd * 1000).toISOString(),
    });
  });
});
