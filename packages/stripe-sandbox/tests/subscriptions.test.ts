import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { setUpSandboxSuite } from "./helpers/suite";
import { submitEmbeddedCheckout, submitHostedCheckout } from "../testing/checkout";
import {
  eventMark,
  eventsSince,
  oneMonthAfter,
  recurringPrice,
  subscribe,
} from "./helpers/subscriptions";
import { waitFor } from "../testing/webhooks";

const suite = setUpSandboxSuite();

describe("subscription-mode checkout", () => {
  it("pays an embedded session with 4242: subscription, first invoice, payment, signed events", async () => {
    const { stripe, receiver } = suite;
    const { price } = await recurringPrice(suite.stripe);
    const mark = await eventMark(stripe);

    const { customer, session, paid, subscriptionId } = await subscribe(suite, price.id);

    expect(JSON.parse(paid.text)).toMatchObject({ outcome: "complete", sessionId: session.id });
    expect(session).toMatchObject({
      mode: "subscription",
      status: "complete",
      payment_status: "paid",
      payment_intent: null,
      customer: customer.id,
      customer_details: { email: "member@example.com" },
      client_reference_id: "order_sub",
      amount_total: 1900,
    });
    expect(session.subscription).toMatch(/^sub_/);
    expect(session.invoice).toMatch(/^in_/);

    const subscription = await stripe.subscriptions.retrieve(subscriptionId, {
      expand: ["default_payment_method"],
    });
    const [item] = subscription.items.data;
    expect(subscription).toMatchObject({
      status: "active",
      customer: customer.id,
      cancel_at_period_end: false,
      latest_invoice: session.invoice,
      metadata: { orderId: "order_sub", offeringId: "off_monthly" },
    });
    expect(item.price.id).toBe(price.id);
    expect(item.current_period_start).toBe(subscription.start_date);
    expect(item.current_period_end).toBe(oneMonthAfter(item.current_period_start));
    const card = subscription.default_payment_method as Stripe.PaymentMethod;
    expect(card).toMatchObject({ type: "card", customer: customer.id });
    expect(card.card).toMatchObject({
      brand: "visa",
      last4: "4242",
      exp_month: 12,
      exp_year: 2040,
    });
    expect(JSON.stringify(card)).not.toContain("4242424242424242");

    const invoice = await stripe.invoices.retrieve(String(session.invoice));
    expect(invoice).toMatchObject({
      status: "paid",
      billing_reason: "subscription_create",
      amount_due: 1900,
      amount_paid: 1900,
      currency: "usd",
      customer: customer.id,
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: subscriptionId, metadata: subscription.metadata },
      },
    });
    expect(invoice).not.toHaveProperty("payments");
    expect(invoice.status_transitions.paid_at).toBeGreaterThanOrEqual(subscription.created);
    expect(invoice.lines.data[0].pricing?.price_details?.price).toBe(price.id);
    expect(invoice.lines.data[0].period).toEqual({
      start: item.current_period_start,
      end: item.current_period_end,
    });

    const withPayments = await stripe.invoices.retrieve(invoice.id, {
      expand: ["payments.data.payment.payment_intent"],
    });
    const payment = withPayments.payments?.data[0];
    expect(payment).toMatchObject({ status: "paid", amount_paid: 1900, invoice: invoice.id });
    const intent = payment?.payment.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({ status: "succeeded", amount: 1900, payment_method: card.id });
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({ status: "succeeded", paid: true, payment_intent: intent.id });
    const listed = await stripe.invoicePayments.list({ invoice: invoice.id });
    expect(listed.data.map((item) => item.id)).toEqual([payment?.id]);

    const events = await eventsSince(stripe, mark);
    expect(events.map((event) => event.type)).toEqual([
      "customer.created",
      "payment_method.attached",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "invoice.paid",
      "invoice.payment_succeeded",
      "invoice_payment.paid",
      "checkout.session.completed",
    ]);
    expect(events[2].data.object).toMatchObject({ id: subscriptionId, status: "active" });
    const delivered = await waitFor(() => {
      const found = events.map((event) => receiver.received.find((r) => r.event?.id === event.id));
      return found.every(Boolean) && found;
    });
    expect(delivered.every((item) => item?.verificationError === null)).toBe(true);
  });

  it("opens a subscription-mode session from a payment link and creates the customer on payment", async () => {
    const { stripe, sandbox, receiver } = suite;
    const { price } = await recurringPrice(stripe, { interval: "year", amount: 19000 });
    const link = await stripe.paymentLinks.create({
      line_items: [{ price: price.id, quantity: 1 }],
      after_completion: {
        type: "redirect",
        redirect: { url: "http://localhost:3000/billing?session_id={CHECKOUT_SESSION_ID}" },
      },
      metadata: { offeringId: "off_yearly" },
      subscription_data: { metadata: { offeringId: "off_yearly" } },
    });
    expect(link.subscription_data?.metadata).toEqual({ offeringId: "off_yearly" });

    const visit = await fetch(
      `${sandbox.url}/b/${link.id}?client_reference_id=order_link&prefilled_email=link%40example.com`,
      { redirect: "manual" },
    );
    const sessionId = /\/c\/pay\/(cs_test_\w+)$/.exec(visit.headers.get("location") ?? "")?.[1];
    const open = await stripe.checkout.sessions.retrieve(String(sessionId));
    expect(open).toMatchObject({
      mode: "subscription",
      status: "open",
      customer: null,
      client_reference_id: "order_link",
      customer_email: "link@example.com",
      payment_link: link.id,
      subscription: null,
      invoice: null,
      payment_intent: null,
    });
    const form = await (await fetch(String(open.url))).text();
    expect(form).toContain("$190.00 / year");

    const paid = await submitHostedCheckout(sandbox.url, open.id, {
      cardNumber: "4242424242424242",
      email: "link@example.com",
    });

    expect(paid.location).toBe(`http://localhost:3000/billing?session_id=${open.id}`);
    const done = await stripe.checkout.sessions.retrieve(open.id);
    expect(done).toMatchObject({ status: "complete", payment_status: "paid" });
    const customer = (await stripe.customers.retrieve(String(done.customer))) as Stripe.Customer;
    expect(customer.email).toBe("link@example.com");
    const subscription = await stripe.subscriptions.retrieve(String(done.subscription));
    expect(subscription.metadata).toEqual({ offeringId: "off_yearly" });
    const [item] = subscription.items.data;
    expect(new Date(item.current_period_end * 1000).getUTCFullYear()).toBe(
      new Date(item.current_period_start * 1000).getUTCFullYear() + 1,
    );
    const bySubscription = await stripe.checkout.sessions.list({ subscription: subscription.id });
    expect(bySubscription.data.map((session) => session.id)).toEqual([open.id]);
    const active = await stripe.subscriptions.list({ customer: customer.id, status: "active" });
    expect(active.data.map((item) => item.id)).toEqual([subscription.id]);
    await waitFor(() => receiver.deliveries("checkout.session.completed", open.id).length > 0);
  });

  it("keeps recurring prices out of payment mode and requires one in subscription mode", async () => {
    const { stripe } = suite;
    const { price } = await recurringPrice(stripe);
    const failure = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);

    const recurringInPayment = await failure(
      stripe.checkout.sessions.create({
        mode: "payment",
        line_items: [{ price: price.id, quantity: 1 }],
        success_url: "http://localhost:3000/done",
      }),
    );
    expect(recurringInPayment).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(recurringInPayment).toMatchObject({ statusCode: 400, param: "line_items[0]" });
    expect(String((recurringInPayment as Error).message)).toContain("`subscription` mode");

    const oneTimeOnly = await failure(
      stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [
          {
            quantity: 1,
            price_data: { currency: "usd", unit_amount: 500, product_data: { name: "Fee" } },
          },
        ],
        success_url: "http://localhost:3000/done",
      }),
    );
    expect(oneTimeOnly).toMatchObject({ statusCode: 400, param: "line_items" });
    expect(String((oneTimeOnly as Error).message)).toContain("at least one recurring price");

    const intentData = await failure(
      stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [{ price: price.id, quantity: 1 }],
        payment_intent_data: { metadata: { orderId: "o_1" } },
        success_url: "http://localhost:3000/done",
      }),
    );
    expect(intentData).toMatchObject({ statusCode: 400, param: "payment_intent_data" });
  });

  it("shows a declined card on the form and creates no customer, subscription or invoice", async () => {
    const { stripe, sandbox } = suite;
    const { price } = await recurringPrice(stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      ui_mode: "embedded_page",
      line_items: [{ price: price.id, quantity: 1 }],
      return_url: "http://localhost:3000/return",
    });
    const mark = await eventMark(stripe);

    const declined = await submitEmbeddedCheckout(sandbox.url, session, {
      cardNumber: "4000 0000 0000 9995",
    });

    expect(declined.status).toBe(402);
    expect(JSON.parse(declined.text)).toEqual({
      outcome: "error",
      message: "Your card has insufficient funds.",
    });
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: "open",
      customer: null,
      subscription: null,
    });
    expect(await eventsSince(stripe, mark)).toEqual([]);
  });
});
