import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { setUpSandboxSuite } from "./helpers/suite";
import {
  about,
  advanceClock,
  DAY,
  eventMark,
  eventsSince,
  periodEnd,
  portalFor,
  postForm,
  recurringPrice,
  subscribe,
} from "./helpers/subscriptions";
import { waitFor } from "../testing/webhooks";

// One sandbox (and one clock) for the file: the tests run in order and each one's subscription
// is settled (canceled, or renewed past the next test's period end) before the next begins.
const suite = setUpSandboxSuite();

async function relatedIds(stripe: Stripe, subscriptionId: string, invoiceId: string) {
  const [payment] = (await stripe.invoicePayments.list({ invoice: invoiceId })).data;
  const intentId = String(payment?.payment.payment_intent ?? "");
  const intent = intentId ? await stripe.paymentIntents.retrieve(intentId) : null;
  return [subscriptionId, invoiceId, payment?.id, intentId, String(intent?.latest_charge ?? "")];
}

describe("renewals and failed payments", () => {
  it("renews at period end: a paid subscription_cycle invoice and the events, stamped then", async () => {
    const { stripe, sandbox, receiver } = suite;
    const { price } = await recurringPrice(stripe);
    const { subscriptionId, session } = await subscribe(suite, price.id, { reference: "renew" });
    const end = periodEnd(await stripe.subscriptions.retrieve(subscriptionId));
    const mark = await eventMark(stripe);

    const advanced = await advanceClock(sandbox.url, { to: end + 60 });

    expect(advanced).toMatchObject({
      status: 200,
      body: { now: end + 60, renewals: 1, failures: 0, canceled: 0 },
    });
    const renewed = await stripe.subscriptions.retrieve(subscriptionId);
    expect(renewed.status).toBe("active");
    expect(renewed.items.data[0].current_period_start).toBe(end);
    expect(renewed.latest_invoice).not.toBe(session.invoice);
    const invoice = await stripe.invoices.retrieve(String(renewed.latest_invoice));
    expect(invoice).toMatchObject({
      billing_reason: "subscription_cycle",
      status: "paid",
      amount_paid: 1900,
      created: end,
      status_transitions: { paid_at: end },
    });
    expect(invoice.lines.data[0].period).toEqual({
      start: end,
      end: renewed.items.data[0].current_period_end,
    });
    const listed = await stripe.invoices.list({ subscription: subscriptionId });
    expect(listed.data.map((item) => item.id)).toEqual([invoice.id, session.invoice]);

    const ids = await relatedIds(stripe, subscriptionId, invoice.id);
    const events = about(await eventsSince(stripe, mark), ids);
    expect(events.map((event) => event.type)).toEqual([
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
    expect(events[2].created).toBe(end);
    expect(events[2].data.previous_attributes).toMatchObject({ latest_invoice: session.invoice });
    await waitFor(() => receiver.deliveries("invoice.paid", invoice.id).length === 1);
    await stripe.subscriptions.cancel(subscriptionId);
  });

  it("with 4000 0000 0000 0341: pays at checkout, fails the renewal, retries on days 3, 5, 7, then cancels", async () => {
    const { stripe, sandbox, receiver } = suite;
    const { price } = await recurringPrice(stripe);
    const { subscriptionId, session } = await subscribe(suite, price.id, {
      cardNumber: "4000 0000 0000 0341",
      reference: "dunning",
    });
    expect(session.payment_status).toBe("paid");
    const end = periodEnd(await stripe.subscriptions.retrieve(subscriptionId));
    let mark = await eventMark(stripe);

    const renewal = await advanceClock(sandbox.url, { to: end });

    expect(renewal.body).toMatchObject({ renewals: 1, failures: 1, canceled: 0 });
    const pastDue = await stripe.subscriptions.retrieve(subscriptionId);
    expect(pastDue.status).toBe("past_due");
    const invoiceId = String(pastDue.latest_invoice);
    expect(await stripe.invoices.retrieve(invoiceId)).toMatchObject({
      status: "open",
      attempt_count: 1,
      attempted: true,
      amount_paid: 0,
      next_payment_attempt: end + 3 * DAY,
    });
    const ids = await relatedIds(stripe, subscriptionId, invoiceId);
    const failed = about(await eventsSince(stripe, mark), ids);
    expect(failed.map((event) => event.type)).toEqual([
      "invoice.created",
      "invoice.finalized",
      "customer.subscription.updated",
      "payment_intent.created",
      "charge.failed",
      "payment_intent.payment_failed",
      "invoice.payment_failed",
      "customer.subscription.updated",
    ]);
    expect(failed[7].data.previous_attributes).toEqual({ status: "active" });
    await waitFor(() => receiver.deliveries("invoice.payment_failed", invoiceId).length === 1);

    expect((await advanceClock(sandbox.url, { to: end + 3 * DAY - 1 })).body.failures).toBe(0);
    for (const [day, attempts, next] of [
      [3, 2, 5],
      [5, 3, 7],
    ]) {
      const retry = await advanceClock(sandbox.url, { to: end + day * DAY });
      expect(retry.body).toMatchObject({ renewals: 0, failures: 1, canceled: 0 });
      expect(await stripe.invoices.retrieve(invoiceId)).toMatchObject({
        status: "open",
        attempt_count: attempts,
        next_payment_attempt: end + next * DAY,
      });
    }
    mark = await eventMark(stripe);

    const last = await advanceClock(sandbox.url, { to: end + 7 * DAY });

    expect(last.body).toMatchObject({ renewals: 0, failures: 1, canceled: 1 });
    expect(await stripe.subscriptions.retrieve(subscriptionId)).toMatchObject({
      status: "canceled",
      ended_at: end + 7 * DAY,
      cancellation_details: { reason: "payment_failed" },
    });
    expect(await stripe.invoices.retrieve(invoiceId)).toMatchObject({
      status: "uncollectible",
      attempt_count: 4,
      next_payment_attempt: null,
      status_transitions: { marked_uncollectible_at: end + 7 * DAY },
    });
    // Each attempt is a new charge on the invoice's one payment intent.
    const finalIds = await relatedIds(stripe, subscriptionId, invoiceId);
    expect(finalIds.slice(0, 4)).toEqual(ids.slice(0, 4));
    const charge = await stripe.charges.retrieve(String(finalIds[4]));
    expect(charge).toMatchObject({ status: "failed", failure_code: "card_declined" });
    const final = about(await eventsSince(stripe, mark), finalIds);
    expect(final.map((event) => event.type)).toEqual([
      "charge.failed",
      "payment_intent.payment_failed",
      "invoice.payment_failed",
      "customer.subscription.deleted",
      "invoice.marked_uncollectible",
    ]);
    await waitFor(() => receiver.deliveries("customer.subscription.deleted", subscriptionId)[0]);
  });
});

describe("the billing portal", () => {
  it("saves a new card while past due, pays the open invoice at once and reactivates", async () => {
    const { stripe, sandbox } = suite;
    const { price } = await recurringPrice(stripe);
    const { customer, subscriptionId } = await subscribe(suite, price.id, {
      cardNumber: "4000000000000341",
      reference: "portal",
    });
    const end = periodEnd(await stripe.subscriptions.retrieve(subscriptionId));
    await advanceClock(sandbox.url, { to: end });
    const invoiceId = String((await stripe.subscriptions.retrieve(subscriptionId)).latest_invoice);
    const { portal, base } = await portalFor(suite, customer.id);

    const page = await (await fetch(String(portal.url))).text();
    expect(page).toContain("Past due");
    expect(page).toContain("Your last payment failed");
    for (const label of ["Cancel at period end", "Cancel now", "Update card"]) {
      expect(page).toContain(`>${label}</button>`);
    }
    expect(page).toContain('href="http://localhost:3000/dashboard/billing"');
    const cardPage = await (await fetch(`${base}/card`)).text();
    for (const label of ["Card number", "Expiry (MM/YY)", "CVC"]) {
      expect(cardPage).toMatch(
        new RegExp(`<label for="[^"]+">${label.replace(/[()/]/g, "\\$&")}<input`),
      );
    }
    expect(cardPage).toContain(">Save card</button>");
    const card = (number: string) => ({
      card_number: number,
      card_expiry: "12/40",
      card_cvc: "123",
    });
    expect((await postForm(`${base}/card`, card("4242 4242 4242 4241"))).status).toBe(400);
    expect((await postForm(`${base}/card`, card("4000000000009995"))).status).toBe(402);
    const mark = await eventMark(stripe);

    const saved = await postForm(`${base}/card`, card("4242424242424242"));

    expect(saved).toEqual({
      status: 303,
      location: `/p/session/${portal.id}?notice=card_saved_paid`,
    });
    const confirmation = await (await fetch(`${sandbox.url}${saved.location}`)).text();
    expect(confirmation).toContain("Your card was saved and your outstanding invoice was paid.");
    expect(await stripe.invoices.retrieve(invoiceId)).toMatchObject({ status: "paid" });
    const active = await stripe.subscriptions.retrieve(subscriptionId, {
      expand: ["default_payment_method"],
    });
    expect(active.status).toBe("active");
    expect((active.default_payment_method as Stripe.PaymentMethod).card?.last4).toBe("4242");
    const events = await eventsSince(stripe, mark);
    expect(events.map((event) => event.type)).toEqual([
      "payment_method.attached",
      "customer.updated",
      "customer.subscription.updated",
      "charge.succeeded",
      "payment_intent.succeeded",
      "invoice.paid",
      "invoice.payment_succeeded",
      "invoice_payment.paid",
      "customer.subscription.updated",
    ]);
    expect(events[8].data.previous_attributes).toEqual({ status: "past_due" });

    const next = await advanceClock(sandbox.url, { to: periodEnd(active) });
    expect(next.body).toMatchObject({ renewals: 1, failures: 0 });
    await stripe.subscriptions.cancel(subscriptionId);
  });

  it("cancels at period end (and resumes) from the portal; the period end then ends it", async () => {
    const { stripe, sandbox, receiver } = suite;
    const { price } = await recurringPrice(stripe);
    const { customer, subscriptionId } = await subscribe(suite, price.id, { reference: "end" });
    const end = periodEnd(await stripe.subscriptions.retrieve(subscriptionId));
    const { portal, base } = await portalFor(suite, customer.id);
    const action = `${base}/subscriptions/${subscriptionId}`;

    const scheduled = await postForm(`${action}/cancel-at-period-end`);

    expect(scheduled.location).toBe(`/p/session/${portal.id}?notice=cancel_scheduled`);
    expect(await stripe.subscriptions.retrieve(subscriptionId)).toMatchObject({
      status: "active",
      cancel_at_period_end: true,
      cancel_at: end,
    });
    const updated = await waitFor(
      () =>
        receiver.deliveries("customer.subscription.updated", subscriptionId)[0]?.event ?? undefined,
    );
    expect(updated.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });
    const page = await (await fetch(String(portal.url))).text();
    expect(page).toContain(`Ends on ${new Date(end * 1000).toISOString().slice(0, 10)}`);
    expect(page).toContain(">Resume subscription</button>");
    await postForm(`${action}/resume`);
    expect((await stripe.subscriptions.retrieve(subscriptionId)).cancel_at_period_end).toBe(false);
    await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });

    await advanceClock(sandbox.url, { to: end });

    expect(await stripe.subscriptions.retrieve(subscriptionId)).toMatchObject({
      status: "canceled",
      ended_at: end,
    });
    expect((await stripe.invoices.list({ subscription: subscriptionId })).data).toHaveLength(1);
    await waitFor(() => receiver.deliveries("customer.subscription.deleted", subscriptionId)[0]);
  });
});
