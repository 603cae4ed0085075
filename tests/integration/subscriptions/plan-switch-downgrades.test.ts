/**
 * Downgrades through the app's own code against the Stripe sandbox: a yearly subscriber
 * switches to the monthly plan of the same family. Nothing is charged or prorated; a
 * subscription schedule at Stripe changes the price at the year's end, and the renewal's events
 * (the subscription's update and the invoice, signed, in either order, each twice) move the
 * subscription to the monthly offering, its community access following, with the renewal as
 * the monthly offering's order. "Keep my plan" releases the schedule and nothing changes.
 */
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { cancelPlanSwitch } from "@/lib/payments/stripe/cancel-plan-switch";
import { previewPlanSwitch } from "@/lib/payments/stripe/preview-plan-switch";
import { switchPlan } from "@/lib/payments/stripe/switch-plan";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import { deliverTwice } from "../../helpers/trials";
import {
  cancelLiveSubscriptions,
  subscriber,
  switched,
  type PlanScenario,
} from "../../helpers/plan-switches";
import { eventMark, eventsSince } from "@offerings/stripe-sandbox/testing";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);
beforeEach(() => cancelLiveSubscriptions(stripe));

/** A yearly subscriber who chose the monthly plan: scheduled, every event delivered. */
async function downgraded() {
  const scenario = await subscriber(stripe, "yearly", 30);
  const preview = await previewPlanSwitch({
    userId: scenario.buyer.id,
    subscriptionId: scenario.subscription.id,
    offeringId: scenario.monthly.id,
  });
  expect(preview).toMatchObject({
    direction: "downgrade",
    amountDue: 0,
    lines: [],
    effectiveAt: scenario.subscription.currentPeriodEnd,
  });
  const mark = await eventMark(stripe.stripe);
  const done = await switchPlan({
    userId: scenario.buyer.id,
    subscriptionId: scenario.subscription.id,
    offeringId: scenario.monthly.id,
    prorationDate: null,
    requestId: randomUUID(),
  });
  expect(done.at).toEqual(scenario.subscription.currentPeriodEnd);
  await deliverTwice(await eventsSince(stripe.stripe, mark));
  return scenario;
}

async function pending(scenario: PlanScenario) {
  const row = await db.subscription.findUniqueOrThrow({ where: { id: scenario.subscription.id } });
  return [row.pendingOfferingId, row.pendingSwitchAt];
}

/** The clock to the year's end: the renewal's events, oldest first. */
async function yearEnds(scenario: PlanScenario) {
  const mark = await eventMark(stripe.stripe);
  const end = scenario.subscription.currentPeriodEnd!.getTime() / 1000;
  await stripe.sandbox.advanceClock(end + 3600 - stripe.sandbox.now());
  const events = (await eventsSince(stripe.stripe, mark)).filter((event) => {
    const object = event.data.object as { id?: string; subscription?: string | null };
    const invoice = event.data.object as Stripe.Invoice;
    return (
      object.id === scenario.subscription.stripeSubscriptionId ||
      invoice.parent?.subscription_details?.subscription ===
        scenario.subscription.stripeSubscriptionId
    );
  });
  const update = events.find((event) => event.type === "customer.subscription.updated")!;
  const paid = events.find((event) => event.type === "invoice.paid")!;
  return { update, paid };
}

function expectOnMonthly(scenario: PlanScenario, state: Awaited<ReturnType<typeof switched>>) {
  expect(state).toEqual({
    subscriptionOffering: scenario.monthly.id,
    purchaseOffering: scenario.monthly.id,
    memberships: [scenario.forum.id],
    forumMembershipKept: true,
    orders: [
      {
        offeringId: scenario.yearly.id,
        status: "PAID",
        amount: 12000,
        lines: [["1 × Studio Yearly", 12000, false]],
      },
      {
        offeringId: scenario.monthly.id,
        status: "PAID",
        amount: 1200,
        lines: [["1 × Studio Monthly", 1200, false]],
      },
    ],
  });
}

describe("downgrades at the period's end", () => {
  it("nothing now; at the year's end the update then the renewal (each twice): monthly, the extra community revoked, the forum kept", async () => {
    const scenario = await downgraded();
    const before = await switched(scenario);
    expect(before.subscriptionOffering).toBe(scenario.yearly.id);
    expect(before.orders).toHaveLength(1);
    expect(await pending(scenario)).toEqual([
      scenario.monthly.id,
      scenario.subscription.currentPeriodEnd,
    ]);

    const { update, paid } = await yearEnds(scenario);
    expect((update.data.object as Stripe.Subscription).items.data[0].price.id).not.toBe(
      scenario.subscription.stripePriceId,
    );
    await deliverTwice([update, paid]);
    expectOnMonthly(scenario, await switched(scenario));
    expect(await pending(scenario)).toEqual([null, null]);
    expect(await hasCommunityAccess(scenario.buyer.id, scenario.forum.id)).toBe(true);
    expect(await hasCommunityAccess(scenario.buyer.id, scenario.workshops.id)).toBe(false);
    const revoked = await db.accessEvent.findMany({
      where: { purchaseId: scenario.purchaseId, action: "REVOKE" },
    });
    expect(revoked.map((entry) => [entry.communityId, entry.cause])).toEqual([
      [scenario.workshops.id, expect.stringMatching(/\(plan switch\)$/)],
    ]);
  });

  it("the renewal invoice before the update (each twice) ends the same", async () => {
    const scenario = await downgraded();
    const { update, paid } = await yearEnds(scenario);
    await deliverTwice([paid]);
    expect((await switched(scenario)).orders[1]).toMatchObject({ offeringId: scenario.monthly.id });
    await deliverTwice([update]);
    expectOnMonthly(scenario, await switched(scenario));
  });

  it("keep my plan: the schedule is released, the year renews on the yearly plan", async () => {
    const scenario = await downgraded();
    await cancelPlanSwitch({ userId: scenario.buyer.id, subscriptionId: scenario.subscription.id });
    expect(await pending(scenario)).toEqual([null, null]);
    const { update, paid } = await yearEnds(scenario);
    await deliverTwice([update, paid]);
    const state = await switched(scenario);
    expect(state.subscriptionOffering).toBe(scenario.yearly.id);
    expect(state.orders[1]).toMatchObject({ offeringId: scenario.yearly.id, amount: 12000 });
  });
});
