import { describe, expect, it } from "vitest";
import { setUpSandboxSuite } from "./helpers/suite";
import {
  about,
  advanceClock,
  DAY,
  eventMark,
  eventsSince,
  eventTypes,
  invoicePaymentIds,
  oneMonthAfter,
  periodEnd,
  recurringPrice,
  subscribe,
} from "./helpers/subscriptions";
import { waitFor } from "../testing/webhooks";

// A trial's end, moved by the clock (starting one: trials-checkout.test.ts). One sandbox (and
// one clock) for the file: each test settles its subscriptions before the next.
const suite = setUpSandboxSuite();

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
    expect(eventTypes(notices)).toEqual(["customer.subscription.trial_will_end"]);
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
      ...(await invoicePaymentIds(stripe, invoice.id)),
    ]);
    expect(eventTypes(events)).toEqual([
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
    expect(eventTypes(await eventsSince(stripe, mark))).not.toContain(
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
      ...(await invoicePaymentIds(stripe, invoice.id)),
    ]);
    expect(eventTypes(events)).toEqual([
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
    expect(eventTypes(events)).toEqual([
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
    expect(eventTypes(about(await eventsSince(stripe, mark), [subscriptionId]))).toEqual([
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
