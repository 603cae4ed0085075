/**
 * Price switches through the SDK: `invoices.createPreview` then `subscriptions.update` with
 * `items[0][price]`, `always_invoice` and the preview's proration date, as an app does it. The
 * invoice charged equals the preview to the cent; a card that would be declined with
 * `error_if_incomplete` changes nothing (402).
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { setUpSandboxSuite } from "./helpers/suite";
import {
  advanceClock,
  DAY,
  eventMark,
  eventsSince,
  eventTypes,
  recurringPrice,
  subscribe,
} from "./helpers/subscriptions";
import { proratedAmount } from "../src/billing/proration";

const suite = setUpSandboxSuite();

async function switchable(cardNumber = "4242 4242 4242 4242") {
  const { stripe, sandbox } = suite;
  const monthly = await recurringPrice(stripe, { amount: 1200, name: "Studio Monthly" });
  const yearly = await recurringPrice(stripe, {
    amount: 12000,
    interval: "year",
    name: "Studio Yearly",
  });
  const { subscriptionId } = await subscribe(suite, monthly.price.id, { cardNumber });
  await advanceClock(sandbox.url, { seconds: 10 * DAY + 1234 });
  const subscription = await stripe.subscriptions.retrieve(subscriptionId);
  return { monthly, yearly, subscription, item: subscription.items.data[0] };
}

function preview(stripe: Stripe, subscription: Stripe.Subscription, price: string) {
  return stripe.invoices.createPreview({
    customer: String(subscription.customer),
    subscription: subscription.id,
    subscription_details: {
      items: [{ id: subscription.items.data[0].id, price }],
      proration_behavior: "always_invoice",
    },
  });
}

describe("switching a subscription's price", () => {
  it("monthly → yearly: the preview's credit and charge are the invoice paid now, the period restarts", async () => {
    const { stripe } = suite;
    const { yearly, subscription, item } = await switchable();
    const previewed = await preview(stripe, subscription, yearly.price.id);
    const at = previewed.parent?.subscription_details?.subscription_proration_date;
    expect(previewed.id).toMatch(/^upcoming_in_/);
    expect(at).toBeGreaterThan(item.current_period_start);
    const credit = -proratedAmount(
      1200,
      1,
      { start: item.current_period_start, end: item.current_period_end },
      at!,
    );
    expect(previewed.lines.data.map((line) => line.amount)).toEqual([credit, 12000]);
    expect(previewed.lines.data[0].description).toMatch(
      /^Unused time on Studio Monthly after \d{2} \w{3} \d{4}$/,
    );
    expect(previewed.lines.data[0].parent?.subscription_item_details?.proration).toBe(true);
    expect(previewed.amount_due).toBe(12000 + credit);

    const mark = await eventMark(stripe);
    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: yearly.price.id }],
      proration_behavior: "always_invoice",
      proration_date: at,
      payment_behavior: "error_if_incomplete",
    });
    const newItem = updated.items.data[0];
    expect(newItem.price.id).toBe(yearly.price.id);
    expect(newItem.current_period_end - newItem.current_period_start).toBeGreaterThanOrEqual(
      365 * DAY,
    );
    expect(updated.billing_cycle_anchor).toBe(newItem.current_period_start);
    const invoice = await stripe.invoices.retrieve(String(updated.latest_invoice));
    expect(invoice).toMatchObject({
      billing_reason: "subscription_update",
      status: "paid",
      amount_paid: previewed.amount_due,
    });
    expect(invoice.lines.data.map((line) => [line.description, line.amount])).toEqual(
      previewed.lines.data.map((line) => [line.description, line.amount]),
    );
    const events = await eventsSince(stripe, mark);
    expect(eventTypes(events)).toEqual(
      expect.arrayContaining(["customer.subscription.updated", "invoice.created", "invoice.paid"]),
    );
    const change = events.find((event) => event.type === "customer.subscription.updated")!;
    expect(change.data.previous_attributes).toHaveProperty("items");
  });

  it("same interval, $12 → $24 a month: −unused +remaining on an invoice now, the period kept", async () => {
    const { stripe } = suite;
    const { subscription, item } = await switchable();
    const pro = await recurringPrice(stripe, { amount: 2400, name: "Studio Pro" });
    const previewed = await preview(stripe, subscription, pro.price.id);
    const at = previewed.parent!.subscription_details!.subscription_proration_date!;
    const period = { start: item.current_period_start, end: item.current_period_end };
    const expected = [-proratedAmount(1200, 1, period, at), proratedAmount(2400, 1, period, at)];
    expect(previewed.lines.data.map((line) => line.amount)).toEqual(expected);
    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: pro.price.id }],
      proration_behavior: "always_invoice",
      proration_date: at,
    });
    expect(updated.items.data[0].current_period_end).toBe(item.current_period_end);
    const invoice = await stripe.invoices.retrieve(String(updated.latest_invoice));
    expect(invoice.amount_paid).toBe(expected[0] + expected[1]);
  });

  it("error_if_incomplete with a card that now declines: 402 and nothing changes", async () => {
    const { stripe } = suite;
    const { yearly, subscription, item } = await switchable("4000 0000 0000 0341");
    const mark = await eventMark(stripe);
    await expect(
      stripe.subscriptions.update(subscription.id, {
        items: [{ id: item.id, price: yearly.price.id }],
        proration_behavior: "always_invoice",
        payment_behavior: "error_if_incomplete",
      }),
    ).rejects.toMatchObject({ type: "StripeCardError", statusCode: 402 });
    const after = await stripe.subscriptions.retrieve(subscription.id);
    expect(after.items.data[0].price.id).toBe(item.price.id);
    expect(await eventsSince(stripe, mark)).toEqual([]);
  });
});

describe("a plan change at the period's end, through a subscription schedule", () => {
  it("yearly → monthly: nothing now; at the year's end the monthly price bills a month, then the schedule is released", async () => {
    const { stripe, sandbox } = suite;
    const yearly = await recurringPrice(stripe, {
      amount: 12000,
      interval: "year",
      name: "Studio Yearly",
    });
    const monthly = await recurringPrice(stripe, { amount: 1200, name: "Studio Monthly" });
    const { subscriptionId } = await subscribe(suite, yearly.price.id);
    const subscription = await stripe.subscriptions.retrieve(subscriptionId);
    const item = subscription.items.data[0];
    const schedule = await stripe.subscriptionSchedules.create({
      from_subscription: subscriptionId,
    });
    expect(schedule.phases).toHaveLength(1);
    const updated = await stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: "release",
      phases: [
        {
          items: [{ price: yearly.price.id, quantity: 1 }],
          start_date: schedule.phases[0].start_date,
          end_date: item.current_period_end,
        },
        { items: [{ price: monthly.price.id, quantity: 1 }], duration: { interval: "month" } },
      ],
    });
    expect(updated.phases.map((phase) => phase.items[0].price)).toEqual([
      yearly.price.id,
      monthly.price.id,
    ]);
    expect((await stripe.subscriptions.retrieve(subscriptionId)).schedule).toBe(schedule.id);
    await expect(
      stripe.subscriptions.update(subscriptionId, {
        items: [{ id: item.id, price: monthly.price.id }],
      }),
    ).rejects.toMatchObject({ statusCode: 400 });

    await advanceClock(sandbox.url, { to: item.current_period_end + 60 });
    const switched = await stripe.subscriptions.retrieve(subscriptionId);
    expect(switched.items.data[0].price.id).toBe(monthly.price.id);
    expect(switched.items.data[0].current_period_start).toBe(item.current_period_end);
    expect(switched.billing_cycle_anchor).toBe(item.current_period_end);
    const renewal = await stripe.invoices.retrieve(String(switched.latest_invoice));
    expect(renewal).toMatchObject({
      billing_reason: "subscription_cycle",
      status: "paid",
      amount_paid: 1200,
    });
    const updates = await stripe.events.list({ type: "customer.subscription.updated", limit: 100 });
    const change = updates.data.find(
      (event) => (event.data.object as Stripe.Subscription).id === subscriptionId,
    )!;
    expect((change.data.object as Stripe.Subscription).items.data[0].price.id).toBe(
      monthly.price.id,
    );

    await advanceClock(sandbox.url, { to: switched.items.data[0].current_period_end + 60 });
    const released = await stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(released).toMatchObject({ status: "released", released_subscription: subscriptionId });
    const after = await stripe.subscriptions.retrieve(subscriptionId);
    expect([after.schedule, after.items.data[0].price.id, after.status]).toEqual([
      null,
      monthly.price.id,
      "active",
    ]);
  });

  it("release before the period's end: nothing changes, the subscription renews on its price", async () => {
    const { stripe } = suite;
    const yearly = await recurringPrice(stripe, { amount: 12000, interval: "year" });
    const { subscriptionId } = await subscribe(suite, yearly.price.id);
    const schedule = await stripe.subscriptionSchedules.create({
      from_subscription: subscriptionId,
    });
    const released = await stripe.subscriptionSchedules.release(schedule.id);
    expect(released.status).toBe("released");
    expect((await stripe.subscriptions.retrieve(subscriptionId)).schedule).toBeNull();
  });
});
