/**
 * Plan switches through the app's own code against the Stripe sandbox: a monthly subscriber
 * previews and confirms an upgrade to the yearly plan of the same family, and Stripe's events
 * for a switch arrive signed, duplicated and in either order (the subscription's update before
 * the proration invoice, and after it). Each time: one purchase, one membership per community
 * (the yearly plan's extra community granted, none doubled), the subscription on the new
 * offering, and one paid order for the proration invoice with its lines, equal to the preview.
 */
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { previewPlanSwitch } from "@/lib/payments/stripe/preview-plan-switch";
import { switchPlan } from "@/lib/payments/stripe/switch-plan";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { deliverTwice, outcomeOf } from "../../helpers/trials";
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

/** A buyer on Studio Monthly, paid with 4242, every event delivered; ten days later. */
const monthlySubscriber = () => subscriber(stripe, "monthly", 10);
type Scenario = PlanScenario;

function expectOnYearly(
  scenario: Scenario,
  state: Awaited<ReturnType<typeof switched>>,
  lines: Array<[string, number, boolean]>,
) {
  const total = lines.reduce((sum, [, amount]) => sum + amount, 0);
  expect(state).toEqual({
    subscriptionOffering: scenario.yearly.id,
    purchaseOffering: scenario.yearly.id,
    memberships: [scenario.forum.id, scenario.workshops.id].sort(),
    forumMembershipKept: true,
    orders: [
      {
        offeringId: scenario.monthly.id,
        status: "PAID",
        amount: 1200,
        lines: [["1 × Studio Monthly", 1200, false]],
      },
      { offeringId: scenario.yearly.id, status: "PAID", amount: total, lines },
    ],
  });
}

/** Switches at Stripe as the billing portal or the dashboard would: the app hears of it by webhook. */
async function switchAtStripe(scenario: Scenario) {
  const subscription = await stripe.stripe.subscriptions.retrieve(
    scenario.subscription.stripeSubscriptionId,
  );
  const yearly = await db.offering.findUniqueOrThrow({ where: { id: scenario.yearly.id } });
  const mark = await eventMark(stripe.stripe);
  await stripe.stripe.subscriptions.update(subscription.id, {
    items: [{ id: subscription.items.data[0].id, price: yearly.stripePriceId! }],
    proration_behavior: "always_invoice",
  });
  const events = await eventsSince(stripe.stripe, mark);
  const update = events.find((event) => event.type === "customer.subscription.updated")!;
  const paid = events.find((event) => event.type === "invoice.paid")!;
  const invoice = paid.data.object as Stripe.Invoice;
  const lines = invoice.lines.data.map((line): [string, number, boolean] => [
    line.description ?? "",
    line.amount,
    Boolean(line.parent?.subscription_item_details?.proration),
  ]);
  return { update, paid, lines };
}

describe("plan switches", () => {
  it("the app's preview and confirmation: the charge is the preview, the order shows the prorated line; Stripe's events after it change nothing", async () => {
    const scenario = await monthlySubscriber();
    const preview = await previewPlanSwitch({
      userId: scenario.buyer.id,
      subscriptionId: scenario.subscription.id,
      offeringId: scenario.yearly.id,
    });
    expect(preview.direction).toBe("upgrade");
    // 21 of December's 31 days unused: 1200 × 21/31 = 812.9 → −813 (give or take a second).
    expect(preview.lines.map((line) => [line.description, line.amount])).toEqual([
      [
        expect.stringMatching(/^Unused time on Studio Monthly after \d{2} \w{3} \d{4}$/),
        expect.any(Number),
      ],
      ["1 × Studio Yearly", 12000],
    ]);
    expect(preview.amountDue).toBe(12000 + preview.lines[0].amount);

    const mark = await eventMark(stripe.stripe);
    await switchPlan({
      userId: scenario.buyer.id,
      subscriptionId: scenario.subscription.id,
      offeringId: scenario.yearly.id,
      prorationDate: preview.prorationDate,
      requestId: randomUUID(),
    });
    const lines = preview.lines.map((line): [string, number, boolean] => [
      line.description,
      line.amount,
      line.proration,
    ]);
    expectOnYearly(scenario, await switched(scenario), lines);
    expect(await hasCommunityAccess(scenario.buyer.id, scenario.workshops.id)).toBe(true);

    await deliverTwice(await eventsSince(stripe.stripe, mark));
    expectOnYearly(scenario, await switched(scenario), lines);
    const trail = await db.accessEvent.findMany({
      where: { purchaseId: scenario.purchaseId, action: "REVOKE" },
    });
    expect(trail).toEqual([]);
  });

  it("the subscription's update before the proration invoice, each delivered twice", async () => {
    const scenario = await monthlySubscriber();
    const { update, paid, lines } = await switchAtStripe(scenario);
    await deliverTwice([update]);
    const between = await switched(scenario);
    expect(between.subscriptionOffering).toBe(scenario.yearly.id);
    expect(between.memberships).toEqual([scenario.forum.id, scenario.workshops.id].sort());
    expect(between.orders).toHaveLength(1);
    await deliverTwice([paid]);
    expectOnYearly(scenario, await switched(scenario), lines);
    expect((await outcomeOf(update)).details).toMatchObject({ switchedTo: scenario.yearly.id });
  });

  it("the proration invoice before the subscription's update: the order is the new plan's, the move comes with the update", async () => {
    const scenario = await monthlySubscriber();
    const { update, paid, lines } = await switchAtStripe(scenario);
    await deliverTwice([paid]);
    const between = await switched(scenario);
    expect(between.subscriptionOffering).toBe(scenario.monthly.id);
    expect(between.orders[1]).toMatchObject({ offeringId: scenario.yearly.id, status: "PAID" });
    // Access never gaps: the paid year already holds the monthly plan's community.
    expect(await hasCommunityAccess(scenario.buyer.id, scenario.forum.id)).toBe(true);
    await deliverTwice([update]);
    expectOnYearly(scenario, await switched(scenario), lines);
  });

  it("a proration invoice that does not add up is refused and grants nothing", async () => {
    const scenario = await monthlySubscriber();
    const { paid } = await switchAtStripe(scenario);
    const tampered = structuredClone(paid);
    (tampered.data.object as { amount_paid: number }).amount_paid = 100;
    tampered.id = `${paid.id}_tampered`;
    const answer = await deliverStripeEvent(tampered);
    expect(answer.status).toBe(422);
    expect((await switched(scenario)).orders).toHaveLength(1);
  });
});
