import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { startStripeSandbox, type StripeSandbox } from "../src";
import { setUpSandboxSuite, WEBHOOK_SECRET } from "./helpers/suite";
import { createHostedSession, paidSession, submitHostedCheckout } from "../testing/checkout";
import { waitFor, type WebhookReceiver } from "../testing/webhooks";

let sandbox: StripeSandbox;
let receiver: WebhookReceiver;
let stripe: Stripe;
const suite = setUpSandboxSuite();
beforeAll(() => {
  ({ sandbox, receiver, stripe } = suite);
});

async function sessionOf(id: string) {
  return stripe.checkout.sessions.retrieve(id);
}

describe("refunds, expiry, payment links and the portal", () => {
  it("refunds in full once, emits charge.refunded, and refuses a second refund", async () => {
    const session = await paidSession(stripe, sandbox.url);
    const intent = session.payment_intent as Stripe.PaymentIntent;

    const refund = await stripe.refunds.create({
      payment_intent: intent.id,
      reason: "requested_by_customer",
      metadata: { by: "admin" },
    });

    expect(refund).toMatchObject({
      object: "refund",
      amount: 4900,
      status: "succeeded",
      payment_intent: intent.id,
      metadata: { by: "admin" },
    });
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({ amount_refunded: 4900, refunded: true });
    const refunded = await waitFor(() => receiver.deliveries("charge.refunded", charge.id)[0]);
    expect(refunded.event?.data.object).toMatchObject({
      payment_intent: intent.id,
      refunded: true,
    });
    await waitFor(() => receiver.deliveries("refund.created", refund.id).length > 0);

    const again = await stripe.refunds
      .create({ payment_intent: intent.id })
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again).toMatchObject({ code: "charge_already_refunded", statusCode: 400 });
  });

  it("refunds partially and refuses more than is left", async () => {
    const session = await paidSession(stripe, sandbox.url);
    const intent = session.payment_intent as Stripe.PaymentIntent;
    await stripe.refunds.create({ charge: String(intent.latest_charge), amount: 1000 });

    const tooMuch = await stripe.refunds
      .create({ payment_intent: intent.id, amount: 4000 })
      .catch((error: unknown) => error);
    expect(tooMuch).toMatchObject({ code: "amount_too_large", param: "amount" });
    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(3900);
  });

  it("expires an open session with checkout.session.expired and refuses to expire it again", async () => {
    const session = await createHostedSession(stripe);

    const expired = await stripe.checkout.sessions.expire(session.id);

    expect(expired.status).toBe("expired");
    await waitFor(() => receiver.deliveries("checkout.session.expired", session.id).length > 0);
    const again = await stripe.checkout.sessions
      .expire(session.id)
      .catch((error: unknown) => error);
    expect(again).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400 });
  });

  it("opens a hosted session carrying client_reference_id from a payment link", async () => {
    const product = await stripe.products.create({ name: "Community" });
    const price = await stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 2500,
    });
    const link = await stripe.paymentLinks.create({
      line_items: [{ price: price.id, quantity: 1 }],
      after_completion: {
        type: "redirect",
        redirect: {
          url: "http://localhost:3000/dashboard/billing?provider=stripe&session_id={CHECKOUT_SESSION_ID}",
        },
      },
      metadata: { offeringId: "off_1" },
    });
    expect(link.url).toBe(`${sandbox.publicUrl}/b/${link.id}`);

    const visit = await fetch(
      `${sandbox.url}/b/${link.id}?client_reference_id=order_77&prefilled_email=kim%40example.com`,
      { redirect: "manual" },
    );

    expect(visit.status).toBe(303);
    const sessionId =
      /\/c\/pay\/(cs_test_\w+)$/.exec(visit.headers.get("location") ?? "")?.[1] ?? "";
    const session = await sessionOf(sessionId);
    expect(session).toMatchObject({
      client_reference_id: "order_77",
      payment_link: link.id,
      customer_email: "kim@example.com",
      amount_total: 2500,
      metadata: { offeringId: "off_1" },
    });
    const paid = await submitHostedCheckout(sandbox.url, sessionId, {
      cardNumber: "4242424242424242",
    });
    expect(paid.location).toBe(
      `http://localhost:3000/dashboard/billing?provider=stripe&session_id=${sessionId}`,
    );
    const listed = await stripe.checkout.sessions.list({
      payment_intent: String((await sessionOf(sessionId)).payment_intent),
    });
    expect(listed.data.map((item) => item.id)).toEqual([sessionId]);
  });

  it("opens a billing portal page listing the customer's payments", async () => {
    const customer = await stripe.customers.create({
      email: "portal@example.com",
      name: "Portal <User>",
    });
    const session = await createHostedSession(stripe, { customer: customer.id });
    await submitHostedCheckout(sandbox.url, session.id, {
      cardNumber: "4242424242424242",
      email: "portal@example.com",
    });

    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: "http://localhost:3000/dashboard/billing",
    });

    expect(portal.url).toBe(`${sandbox.publicUrl}/p/session/${portal.id}`);
    const html = await (await fetch(`${sandbox.url}/p/session/${portal.id}`)).text();
    expect(html).toContain("Portal &lt;User&gt;");
    expect(html).toContain("$49.00");
    expect(html).toContain('href="http://localhost:3000/dashboard/billing"');
  });
});

describe("webhook delivery", () => {
  it("retries a failing endpoint until it answers 2xx, signing every attempt", async () => {
    receiver.respondWith((event, previous) =>
      event?.type === "customer.created" &&
      (event.data.object as Stripe.Customer).metadata.retry === "yes" &&
      previous < 2
        ? 500
        : 200,
    );

    const customer = await stripe.customers.create({ metadata: { retry: "yes" } });

    const attempts = await waitFor(() => {
      const found = receiver.deliveries("customer.created", customer.id);
      return found.length === 3 && found;
    });
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect(attempts.every((attempt) => attempt.verificationError === null)).toBe(true);
    // The sandbox records an attempt once it has read the answer, just after the receiver logs it.
    const recorded = await waitFor(() => {
      const found = sandbox.deliveries.filter(
        (attempt) => attempt.eventId === attempts[0].event?.id,
      );
      return found.length === 3 && found;
    });
    expect(recorded.map((attempt) => [attempt.attempt, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(receiver.deliveries("customer.created", customer.id)).toHaveLength(3);
  });

  it("sends n copies of each event with the same id when the duplicate switch is on", async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/delivery`, {
      method: "POST",
      body: JSON.stringify({ duplicate: 3 }),
    });
    expect(await response.json()).toMatchObject({ duplicate: 3 });

    const customer = await stripe.customers.create({ email: "dup@example.com" });

    const copies = await waitFor(() => {
      const found = receiver.deliveries("customer.created", customer.id);
      return found.length === 3 && found;
    });
    expect(new Set(copies.map((copy) => copy.event?.id)).size).toBe(1);
  });

  it("holds events while paused and releases them newest first on flush when reordering", async () => {
    sandbox.setDeliveryMode({ paused: true, reorder: true });
    const first = await stripe.customers.create({ email: "first@example.com" });
    const second = await stripe.customers.create({ email: "second@example.com" });
    const ids = [first.id, second.id];
    const arrivals = () =>
      receiver.received
        .filter((item) => item.event?.type === "customer.created")
        .map((item) => (item.event?.data.object as Stripe.Customer).id)
        .filter((id) => ids.includes(id));
    // Both events exist at the sandbox, and none has been attempted.
    const events = await stripe.events.list({ type: "customer.created", limit: 100 });
    const eventIds = events.data
      .filter((event) => ids.includes((event.data.object as Stripe.Customer).id))
      .map((event) => event.id);
    expect(eventIds).toHaveLength(2);
    expect(sandbox.deliveries.filter((attempt) => eventIds.includes(attempt.eventId))).toEqual([]);

    const flushed = await fetch(`${sandbox.url}/_sandbox/flush`, { method: "POST" });

    // Exactly the two held events were released, and both arrive, the newer one first.
    expect(await flushed.json()).toEqual({ released: 2 });
    const order = await waitFor(() => arrivals().length === 2 && arrivals());
    expect(order).toEqual([second.id, first.id]);
  });

  it("delivers late when the delay switch is set", async () => {
    const arrivedAt = new Map<string, number>();
    receiver.respondWith((event) => {
      if (event) arrivedAt.set((event.data.object as { id: string }).id, Date.now());
      return 200;
    });
    const mode = await fetch(`${sandbox.url}/_sandbox/delivery`, {
      method: "POST",
      body: JSON.stringify({ delayMs: 300 }),
    });
    expect(await mode.json()).toMatchObject({ delayMs: 300 });
    const requestedAt = Date.now();

    const customer = await stripe.customers.create({ email: "late@example.com" });

    const [delivered] = await waitFor(() => {
      const found = receiver.deliveries("customer.created", customer.id);
      return found.length > 0 && found;
    });
    expect(delivered).toMatchObject({ status: 200, verificationError: null });
    // The receiver saw it no sooner than the delay after the event was made.
    expect((arrivedAt.get(customer.id) ?? 0) - requestedAt).toBeGreaterThanOrEqual(300);
  });

  it("resends a stored event on request and lists every attempt", async () => {
    const customer = await stripe.customers.create({ email: "resend@example.com" });
    const [delivered] = await waitFor(() => {
      const found = receiver.deliveries("customer.created", customer.id);
      return found.length > 0 && found;
    });

    await fetch(`${sandbox.url}/_sandbox/events/${delivered.event?.id}/resend`, { method: "POST" });

    await waitFor(() => receiver.deliveries("customer.created", customer.id).length === 2);
    const listed = (await (await fetch(`${sandbox.url}/_sandbox/deliveries`)).json()) as {
      deliveries: Array<{ eventId: string }>;
    };
    expect(
      listed.deliveries.filter((attempt) => attempt.eventId === delivered.event?.id),
    ).toHaveLength(2);
  });
});

describe("persistence", () => {
  it("keeps sessions across a restart when given a data file", async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), "stripe-sandbox-")), "state.json");
    const first = await startStripeSandbox({ webhookSecret: WEBHOOK_SECRET, dataFile });
    const firstClient = new Stripe("sk_test_sandbox", { ...first.sdkOptions });
    const session = await createHostedSession(firstClient);
    await first.close();

    const second = await startStripeSandbox({ webhookSecret: WEBHOOK_SECRET, dataFile });
    const secondClient = new Stripe("sk_test_sandbox", { ...second.sdkOptions });
    expect((await secondClient.checkout.sessions.retrieve(session.id)).amount_total).toBe(4900);
    await second.close();
  });
});
