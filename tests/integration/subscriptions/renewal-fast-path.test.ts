/**
 * The renewal fast path (lib/payments/stripe/apply-renewal.ts: the SQL functions
 * apply_subscription_update and apply_paid_invoice) against the general path (processEvent and
 * the events' handlers): for the same events, in order, out of order, copied, stale, tied within
 * one second, after the end, referred, the same rows, outbox messages included; and, for every
 * case it leaves alone, nothing written by it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyRenewal } from "@/lib/payments/stripe/apply-renewal";
import { makeUser } from "../../../tooling/seed/factories";
import { DAY, serialiseEvent, stripeEvent, unixNow } from "../../../tooling/stripe";
import { resetDatabase } from "../../helpers/reset";
import { rowSnapshot } from "../../helpers/row-snapshot";
import {
  scenarioInvoice,
  scenarioSubscription,
  subscribe,
  subscriptionScenario,
  type SubscriptionScenario,
} from "../../helpers/stripe-subscriptions";
import {
  applyEvent,
  applySteps,
  renewalEffects,
  type RenewalStep,
} from "../../helpers/renewal-paths";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";

// A tie within one second makes the general path ask Stripe for the current object once it has
// committed. The sandbox does not know these subscriptions (made without it), so that follow-up
// fails (logged) alike for both paths here; stripe-subscriptions-same-second.test.ts covers the
// settlement itself.
setUpStripeSandbox();
beforeEach(resetDatabase);

const start = unixNow() - 10 * DAY;
const first = { periodStart: start, periodEnd: start + 30 * DAY };
const second = { periodStart: first.periodEnd, periodEnd: first.periodEnd + 30 * DAY };
const subscribedAt = unixNow() - 100;

type Steps = (scenario: SubscriptionScenario) => RenewalStep[];

const updated =
  (
    fields: Partial<Parameters<typeof scenarioSubscription>[1]> = {},
    created = subscribedAt + 10,
  ): Steps =>
  (scenario) => [
    {
      type: "customer.subscription.updated",
      object: scenarioSubscription(scenario, { ...second, ...fields }),
      created,
    },
  ];
const paid =
  (created = subscribedAt + 11, period = second): Steps =>
  (scenario) => [
    {
      type: "invoice.paid",
      object: scenarioInvoice(scenario, { ...period, paymentIntent: `pi_${created}` }),
      created,
    },
  ];
const then =
  (...parts: Steps[]): Steps =>
  (scenario) =>
    parts.flatMap((part) => part(scenario));

/** Two subscribers alike, one renewed by each path; the effects of both. */
async function bothPaths(
  steps: Steps,
  prepare?: (scenario: SubscriptionScenario) => Promise<void>,
) {
  const run = async (path: "fast" | "general") => {
    const scenario = await subscriptionScenario();
    await subscribe(scenario, first, subscribedAt);
    await prepare?.(scenario);
    const { events, answers } = await applySteps(path, steps(scenario));
    return { answers, effects: await renewalEffects(scenario, events) };
  };
  return { fast: await run("fast"), general: await run("general") };
}

describe("the renewal fast path writes what the general path writes", () => {
  it.each<[string, Steps, boolean[]]>([
    ["a renewal: updated, then invoice.paid", then(updated(), paid()), [true, true]],
    ["out of order: invoice.paid, then updated", then(paid(), updated()), [true, true]],
    [
      "two renewals",
      then(
        updated(),
        paid(),
        paid(subscribedAt + 20, {
          periodStart: second.periodEnd,
          periodEnd: second.periodEnd + 30 * DAY,
        }),
      ),
      [true, true, true],
    ],
    [
      "cancel at period end",
      updated({
        periodStart: first.periodStart,
        periodEnd: first.periodEnd,
        cancelAtPeriodEnd: true,
      }),
      [true],
    ],
    [
      "past_due, then the invoice paid",
      then(updated({ ...first, status: "past_due" }), paid(subscribedAt + 11, first)),
      [true, true],
    ],
    [
      "canceled, access revoked",
      updated({ ...first, status: "canceled", endedAt: subscribedAt + 5 }),
      [true],
    ],
    [
      "a stale updated after a newer one (the general path's)",
      then(
        updated({}, subscribedAt + 20),
        updated({ ...first, status: "past_due" }, subscribedAt + 10),
      ),
      [true, false],
    ],
    [
      "two updates in one second (the general path's)",
      then(updated({}, subscribedAt + 20), updated({ status: "past_due" }, subscribedAt + 20)),
      [true, false],
    ],
    [
      "ended stays ended (the general path's)",
      then(
        updated({ ...first, status: "canceled", endedAt: subscribedAt + 5 }),
        updated({}, subscribedAt + 30),
        paid(),
      ),
      [true, false, true],
    ],
  ])("%s", async (_title, steps, tookFast) => {
    const { fast, general } = await bothPaths(steps);

    expect(fast.answers.map(({ fast: took }) => took)).toEqual(tookFast);
    expect(general.answers.map(({ outcome }) => outcome)).toEqual(
      fast.answers.map(({ outcome }) => outcome),
    );
    expect(fast.effects.payloads).toBe(true);
    expect(fast.effects).toEqual(general.effects);
  });

  it("a referred renewal earns its commissions on the general path", async () => {
    const refer = async (scenario: SubscriptionScenario) => {
      const referrer = await makeUser();
      await db.purchase.update({
        where: { id: scenario.purchaseId },
        data: { referrerId: referrer.id },
      });
      await db.offering.update({
        where: { id: scenario.offering.id },
        data: { commissionRateBps: 1000 },
      });
    };
    const { fast, general } = await bothPaths(then(updated(), paid()), refer);

    expect(fast.answers.map(({ fast: took }) => took)).toEqual([true, false]);
    expect(fast.effects.commissions).toHaveLength(1);
    expect(fast.effects).toEqual(general.effects);
  });
});

describe("at once", () => {
  it("copies of one event delivered at once apply once", async () => {
    const scenario = await subscriptionScenario();
    await subscribe(scenario, first, subscribedAt);
    const [step] = paid()(scenario);
    const event = stripeEvent(step.type, step.object as never, { created: step.created });

    const answers = await Promise.all(Array.from({ length: 5 }, () => applyEvent("fast", event)));

    expect(answers.filter(({ duplicate }) => !duplicate)).toHaveLength(1);
    expect(answers.every(({ outcome }) => outcome === "PROCESSED")).toBe(true);
    const effects = await renewalEffects(scenario, [event]);
    expect(effects.orders).toHaveLength(2);
    expect(effects.trail.filter((entry) => entry.includes("EXTEND"))).toHaveLength(1);
  });

  it("a renewal's updated and invoice.paid at once: one order, one EXTEND, access to the new end", async () => {
    const scenario = await subscriptionScenario();
    await subscribe(scenario, first, subscribedAt);
    const events = then(
      updated(),
      paid(),
    )(scenario).map((step) =>
      stripeEvent(step.type, step.object as never, { created: step.created }),
    );

    const answers = await Promise.all(events.map((event) => applyEvent("fast", event)));

    expect(answers.map(({ outcome, duplicate }) => [outcome, duplicate])).toEqual([
      ["PROCESSED", false],
      ["PROCESSED", false],
    ]);
    const effects = await renewalEffects(scenario, events);
    const end = new Date(second.periodEnd * 1000).toISOString();
    expect(effects.orders).toHaveLength(2);
    expect(effects.trail.filter((entry) => entry.includes("EXTEND"))).toHaveLength(1);
    expect(effects.memberships).toEqual([{ expiresAt: end, revoked: false }]);
    expect(effects.purchase).toEqual({ status: "SUCCEEDED", expiresAt: end });
  });
});

describe("copies and what the fast path leaves alone", () => {
  it("answers a copy with the first outcome and writes nothing", async () => {
    const scenario = await subscriptionScenario();
    await subscribe(scenario, first, subscribedAt);
    const { events } = await applySteps("fast", then(updated(), paid())(scenario));
    const before = await rowSnapshot();

    for (const event of events) {
      expect(await applyEvent("fast", event)).toEqual({
        outcome: "PROCESSED",
        duplicate: true,
        fast: true,
      });
    }
    expect(await rowSnapshot()).toEqual(before);
  });

  it.each<[string, (scenario: SubscriptionScenario) => object]>([
    [
      "an unknown subscription",
      (scenario) => scenarioSubscription({ ...scenario, subscriptionId: "sub_unknown" }, second),
    ],
    [
      "another price (a plan switch)",
      (scenario) => scenarioSubscription({ ...scenario, priceId: "price_other" }, second),
    ],
    ["a stale event", (scenario) => ({ ...scenarioSubscription(scenario, second), created: 0 })],
  ])("leaves %s to the general path, writing nothing", async (_title, object) => {
    const scenario = await subscriptionScenario();
    await subscribe(scenario, first, subscribedAt);
    const created = _title === "a stale event" ? subscribedAt - 50 : subscribedAt + 10;
    const event = stripeEvent("customer.subscription.updated", object(scenario) as never, {
      created,
    });
    const before = await rowSnapshot();

    expect(await applyRenewal(event as never, serialiseEvent(event))).toBeNull();
    expect(await rowSnapshot()).toEqual(before);
  });

  it.each<[string, (scenario: SubscriptionScenario) => object]>([
    [
      "a first invoice",
      (scenario) => scenarioInvoice(scenario, { ...second, billingReason: "subscription_create" }),
    ],
    [
      "an invoice in another currency",
      (scenario) => ({ ...scenarioInvoice(scenario, second), currency: "eur" }),
    ],
    [
      "an invoice with a discount",
      (scenario) => ({ ...scenarioInvoice(scenario, second), discounts: ["di_1"] }),
    ],
    [
      "an invoice already recorded",
      (scenario) => scenarioInvoice(scenario, { ...second, id: "in_seen" }),
    ],
  ])("leaves %s to the general path, writing nothing", async (title, object) => {
    const scenario = await subscriptionScenario();
    await subscribe(scenario, first, subscribedAt);
    if (title === "an invoice already recorded") {
      const seen = stripeEvent("invoice.paid", object(scenario) as never);
      await applyEvent("general", seen);
    }
    const event = stripeEvent("invoice.paid", object(scenario) as never);
    const before = await rowSnapshot();

    expect(await applyRenewal(event as never, serialiseEvent(event))).toBeNull();
    expect(await rowSnapshot()).toEqual(before);
  });
});
