import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { setUpSandboxSuite } from "./helpers/suite";
import {
  about,
  advanceClock,
  DAY,
  eventMark,
  eventsSince,
  oneMonthAfter,
  periodEnd,
  recurringPrice,
  subscribe,
} from "./helpers/subscriptions";
import { waitFor } from "../testing/webhooks";

// One sandbox (and one clock) for the file: each test settles its subscriptions before the next.
const suite = setUpSandboxSuite();

const types = (events: Stripe.Event[]) => events.map((event) => event.type);

/** The invoice's payment intent and its charge, when it has one (a $0 invoice has none). */
async function paymentIds(stripe: Stripe, invoiceId: string) {
  const [payment] = (await stripe.invoicePayments.list({ invoice: invoiceId })).data;
  const intentId = payment ? String(payment.payment.payment_intent) : undefined;
  const intent = intentId ? await stripe.paymentIntents.retrieve(intentId) : null;
  return [payment?.id, intentId, intent?.latest_charge ? String(intent.latest_charge) : undefined];
}

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
    expect(await paymentIds(stripe, invoice.id)).toEqual([undefined, undefined, undefined]);

    const events = await eventsSince(stripe, mark);
    expect(types(about(events, [subscriptionId, invoice.id, session.id]))).toEqual([
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "checkout.session.completed",
    ]);
    expect(types(events)).not.toContain("customer.subscription.trial_will_end");
    expect(types(events).filter((type) => type.startsWith("payment_intent."))).toEqual([]);
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

describe("the trial's end, moved by the clock", () => {
  it("4242: trial_will_end three days before, then the first real invoice is charged and the subscription is active, billed monthly from the trial's end", async () => {
    const { stripe, sandbox, receiver } = suite;
    const { price } = await recurringPrice(stripe);
    const { subscriptionId, session } = await subscribe(suite, price.id, {
      reference: "trial_paid",
      trial: { trial_period_days: 14 },
    });
    const trialEnd = periodEnd(await stripe.subscriptions.retrieve(subscriptionId));
    let mark = await eventMark(stripe);

    const early = await advanceClock(sandbox.url, { to: trialEnd - 3 * DAY - 60 });
    expect(early.body).toMatchObject({ renewals: 0 });
    expect(about(await eventsSince(stripe, mark), [subscriptionId])).toEqual([]);

    await advanceClock(sandbox.url, { to: trialEnd - DAY });
    const notices = about(await eventsSince(stripe, mark), [subscriptionId]);
    expect(types(notices)).toEqual(["customer.subscription.trial_will_end"]);
    expect(notices[0].created).toBe(trialEnd - 3 * DAY);
    expect(notices[0].data.object).toMatchObject({ status: "trialing", trial_end: trialEnd });
    await waitFor(
      () => receiver.deliveries("customer.subscription.trial_will_end", subscriptionId)[0],
    );

    mark = await eventMark(stripe);
    const advanced = await advanceClock(sandbox.url, { to: trialEnd + 60 });
    expect(advanced.body).toMatchObject({ renewals: 1, failures: 0, canceled: 0 });
    const active = await stripe.subscriptions.retrieve(subscriptionId);
    expect(active).toMatchObject({ status: "active", trial_end: trialEnd });
    expect(active.items.data[0]).toMatchObject({
      current_period_start: trialEnd,
      current_period_end: oneMonthAfter(trialEnd),
    });
    const invoice = await stripe.invoices.retrieve(String(active.latest_invoice));
    expect(invoice.id).not.toBe(session.invoice);
    expect(invoice).toMatchObject({
      billing_reason: "subscription_cycle",
      status: "paid",
      amount_paid: 1900,
      created: trialEnd,
      period_start: active.trial_start,
      period_end: trialEnd,
    });
    const events = about(await eventsSince(stripe, mark), [
      subscriptionId,
      invoice.id,
      ...(await paymentIds(stripe, invoice.id)),
    ]);
    expect(types(events)).toEqual([
      "invoice.created",
      "invoice.finalized",
      "customer.subscription.updated",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "invoice.paid",
      "invoice.payment_succeeded",
      "invoice_payment.paid",
    ]);
    expect(events[2].data.previous_attributes).toMatchObject({
      status: "trialing",
      latest_invoice: session.invoice,
    });
    expect(events[2].data.object).toMatchObject({ status: "active" });

    // The notice is sent once: later renewals send none.
    mark = await eventMark(stripe);
    await advanceClock(sandbox.url, { to: oneMonthAfter(trialEnd) + 60 });
    expect(types(await eventsSince(stripe, mark))).not.toContain(
      "customer.subscription.trial_will_end",
    );
    await stripe.subscriptions.cancel(subscriptionId);
  });

  it("0341: the trial starts (nothing is charged), the first charge at its end fails, invoice.payment_failed, past_due", async () => {
    const { stripe, sandbox } = suite;
    const { price } = await recurringPrice(stripe);
    const { subscriptionId, session } = await subscribe(suite, price.id, {
      cardNumber: "4000 0000 0000 0341",
      reference: "trial_failed",
      trial: { trial_period_days: 7 },
    });
    expect(session.payment_status).toBe("no_payment_required");
    const trialEnd = periodEnd(await stripe.subscriptions.retrieve(subscriptionId));
    const mark = await eventMark(stripe);

    const advanced = await advanceClock(sandbox.url, { to: trialEnd + 60 });

    expect(advanced.body).toMatchObject({ renewals: 1, failures: 1, canceled: 0 });
    const pastDue = await stripe.subscriptions.retrieve(subscriptionId);
    expect(pastDue.status).toBe("past_due");
    const invoice = await stripe.invoices.retrieve(String(pastDue.latest_invoice));
    expect(invoice).toMatchObject({
      billing_reason: "subscription_cycle",
      status: "open",
      amount_due: 1900,
      attempt_count: 1,
      next_payment_attempt: trialEnd + 3 * DAY,
    });
    const events = about(await eventsSince(stripe, mark), [
      subscriptionId,
      invoice.id,
      ...(await paymentIds(stripe, invoice.id)),
    ]);
    expect(types(events)).toEqual([
      "customer.subscription.trial_will_end",
      "invoice.created",
      "invoice.finalized",
      "customer.subscription.updated",
      "payment_intent.created",
      "charge.failed",
      "payment_intent.payment_failed",
      "invoice.payment_failed",
      "customer.subscription.updated",
    ]);
    expect(events[0].created).toBe(trialEnd - 3 * DAY);
    expect(events[3].data).toMatchObject({
      object: { status: "active" },
      previous_attributes: { status: "trialing" },
    });
    expect(events[8].data).toMatchObject({
      object: { status: "past_due" },
      previous_attributes: { status: "active" },
    });
    await stripe.subscriptions.cancel(subscriptionId);
  });

  it("a trial shorter than three days announces its end at once", async () => {
    const { stripe } = suite;
    const { price } = await recurringPrice(stripe);
    const mark = await eventMark(stripe);
    const { subscriptionId } = await subscribe(suite, price.id, {
      reference: "trial_short",
      trial: { trial_period_days: 2 },
    });
    const subscription = await stripe.subscriptions.retrieve(subscriptionId);
    const events = about(await eventsSince(stripe, mark), [subscriptionId]);
    expect(types(events)).toEqual([
      "customer.subscription.created",
      "customer.subscription.trial_will_end",
    ]);
    expect(events[1].created).toBe(subscription.created);
    await stripe.subscriptions.cancel(subscriptionId);
  });

  it("canceled at period end during the trial: the trial runs out, the subscription ends, nothing is charged", async () => {
    const { stripe, sandbox } = suite;
    const { price } = await recurringPrice(stripe);
    const { subscriptionId } = await subscribe(suite, price.id, {
      reference: "trial_canceled",
      trial: { trial_period_days: 10 },
    });
    const trialEnd = periodEnd(await stripe.subscriptions.retrieve(subscriptionId));
    const updated = await stripe.subscriptions.update(subscriptionId, {
      cancel_at_period_end: true,
    });
    expect(updated).toMatchObject({ status: "trialing", cancel_at: trialEnd });
    const mark = await eventMark(stripe);

    const advanced = await advanceClock(sandbox.url, { to: trialEnd + 60 });

    expect(advanced.body).toMatchObject({ renewals: 0, failures: 0, canceled: 1 });
    const ended = await stripe.subscriptions.retrieve(subscriptionId);
    expect(ended).toMatchObject({ status: "canceled", ended_at: trialEnd });
    const invoices = await stripe.invoices.list({ subscription: subscriptionId });
    expect(invoices.data.map((invoice) => invoice.billing_reason)).toEqual(["subscription_create"]);
    expect(types(about(await eventsSince(stripe, mark), [subscriptionId]))).toEqual([
      "customer.subscription.trial_will_end",
      "customer.subscription.deleted",
    ]);
  });

  it("canceled now during the trial: no notice follows", async () => {
    const { stripe, sandbox } = suite;
    const { price } = await recurringPrice(stripe);
    const { subscriptionId } = await subscribe(suite, price.id, {
      reference: "trial_canceled_now",
      trial: { trial_period_days: 10 },
    });
    const trialEnd = periodEnd(await stripe.subscriptions.retrieve(subscriptionId));
    await stripe.subscriptions.cancel(subscriptionId);
    const mark = await eventMark(stripe);
    await advanceClock(sandbox.url, { to: trialEnd + 60 });
    expect(about(await eventsSince(stripe, mark), [subscriptionId])).toEqual([]);
  });
});
