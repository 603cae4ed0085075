import { describe, expect, it } from "vitest";
import { setUpSandboxSuite } from "./helpers/suite";
import {
  about,
  DAY,
  eventMark,
  eventsSince,
  eventTypes,
  invoicePaymentIds,
  periodEnd,
  recurringPrice,
  subscribe,
} from "./helpers/subscriptions";

// Starting a trial through Checkout; its end, moved by the clock, is in trials.test.ts.
const suite = setUpSandboxSuite();

describe("starting a trial through Checkout", () => {
  it("14 days: the card is saved, the subscription is trialing for its first period, the first invoice is $0 and paid, the session needs no payment", async () => {
    const { stripe } = suite;
    const { price } = await recurringPrice(stripe, { name: "Trial Club" });
    const mark = await eventMark(stripe);
    const { subscriptionId, session } = await subscribe(suite, price.id, {
      reference: "trial_14",
      trial: { trial_period_days: 14 },
    });

    expect(session).toMatchObject({
      status: "complete",
      payment_status: "no_payment_required",
      amount_subtotal: 0,
      amount_total: 0,
      payment_intent: null,
    });
    const subscription = await stripe.subscriptions.retrieve(subscriptionId);
    const start = subscription.created;
    expect(subscription).toMatchObject({
      status: "trialing",
      trial_start: start,
      trial_end: start + 14 * DAY,
      billing_cycle_anchor: start + 14 * DAY,
      trial_settings: { end_behavior: { missing_payment_method: "create_invoice" } },
      latest_invoice: session.invoice,
    });
    expect(subscription.default_payment_method).toMatch(/^pm_/);
    expect(subscription.items.data[0]).toMatchObject({
      current_period_start: start,
      current_period_end: start + 14 * DAY,
    });
    const invoice = await stripe.invoices.retrieve(String(session.invoice));
    expect(invoice).toMatchObject({
      billing_reason: "subscription_create",
      status: "paid",
      amount_due: 0,
      amount_paid: 0,
      total: 0,
      period_start: start,
      period_end: start,
    });
    expect(invoice.lines.data).toHaveLength(1);
    expect(invoice.lines.data[0]).toMatchObject({
      amount: 0,
      description: "Trial period for Trial Club",
      period: { start, end: start + 14 * DAY },
      pricing: { price_details: { price: price.id } },
    });
    expect(String(invoice.lines.data[0].pricing?.unit_amount_decimal)).toBe("0");
    // Nothing was charged: no payment intent, no charge, no invoice payment.
    expect(await invoicePaymentIds(stripe, invoice.id)).toEqual([undefined, undefined, undefined]);

    const events = await eventsSince(stripe, mark);
    expect(eventTypes(about(events, [subscriptionId, invoice.id, session.id]))).toEqual([
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "checkout.session.completed",
    ]);
    expect(eventTypes(events)).not.toContain("customer.subscription.trial_will_end");
    expect(eventTypes(events).filter((type) => type.startsWith("payment_intent."))).toEqual([]);
    await stripe.subscriptions.cancel(subscriptionId);
  });

  it("shows the trial on the form and starts it with 'Start trial'", async () => {
    const { stripe, sandbox } = suite;
    const { price } = await recurringPrice(stripe, { name: "Trial Club" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      ui_mode: "hosted_page",
      line_items: [{ price: price.id, quantity: 1 }],
      subscription_data: { trial_period_days: 7 },
      success_url: "http://localhost:3000/done",
    });
    const page = await (await fetch(`${sandbox.url}/c/pay/${session.id}`)).text();
    expect(page).toContain("7 days free");
    expect(page).toContain(">Start trial</button>");
    expect(page).toContain("Due today");
    await stripe.checkout.sessions.expire(session.id);
  });

  it("refuses trials Stripe refuses: under a day, over 730 days, both forms at once, a trial_end under 48 hours away, outside subscription mode", async () => {
    const { stripe, sandbox } = suite;
    const { price } = await recurringPrice(stripe);
    const now = sandbox.now();
    const base = {
      mode: "subscription" as const,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: "http://localhost:3000/done",
    };
    const refusals = await Promise.all(
      [
        { trial_period_days: 0 },
        { trial_period_days: 731 },
        { trial_period_days: 7, trial_end: now + 10 * DAY },
        { trial_end: now + DAY },
      ].map((subscription_data) =>
        stripe.checkout.sessions
          .create({ ...base, subscription_data })
          .catch((error: unknown) => error),
      ),
    );
    expect(
      refusals.map((error) => {
        const { param, code } = error as { param?: string; code?: string };
        return param ?? code;
      }),
    ).toEqual([
      "subscription_data[trial_period_days]",
      "subscription_data[trial_period_days]",
      "parameters_exclusive",
      "subscription_data[trial_end]",
    ]);
    for (const error of refusals) expect(error).toMatchObject({ statusCode: 400 });
  });

  it("a trial_end time: trialing until then", async () => {
    const { stripe, sandbox } = suite;
    const { price } = await recurringPrice(stripe);
    const trialEnd = sandbox.now() + 5 * DAY;
    const { subscriptionId } = await subscribe(suite, price.id, {
      reference: "trial_end_time",
      trial: { trial_end: trialEnd },
    });
    const subscription = await stripe.subscriptions.retrieve(subscriptionId);
    expect(subscription).toMatchObject({ status: "trialing", trial_end: trialEnd });
    expect(periodEnd(subscription)).toBe(trialEnd);
    await stripe.subscriptions.cancel(subscriptionId);
  });
});
