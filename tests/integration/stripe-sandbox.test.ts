import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStripeSandbox, type StripeSandbox } from "@/sandbox/stripe";
import {
  createHostedSession,
  paidSession,
  PRODUCT_NAME,
  submitEmbeddedCheckout,
  submitHostedCheckout,
} from "../helpers/stripe-sandbox-checkout";
import {
  startWebhookReceiver,
  waitFor,
  type WebhookReceiver,
} from "../helpers/stripe-sandbox-webhooks";

const WEBHOOK_SECRET = "whsec_test_sandbox_secret";

let sandbox: StripeSandbox;
let receiver: WebhookReceiver;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startWebhookReceiver(WEBHOOK_SECRET);
  sandbox = await startStripeSandbox({
    port: 0,
    webhookSecret: WEBHOOK_SECRET,
    webhookUrl: receiver.url,
    retryScale: 0.001,
    asyncSettleMs: 50,
  });
  stripe = new Stripe("sk_test_sandbox", { ...sandbox.sdkOptions });
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

beforeEach(() => {
  sandbox.resetDeliveryMode();
  receiver.respondWith(() => 200);
});

async function sessionOf(id: string) {
  return stripe.checkout.sessions.retrieve(id);
}

describe("Stripe sandbox API through the stripe SDK", () => {
  it("creates, retrieves and updates customers", async () => {
    const created = await stripe.customers.create({
      email: "ada@example.com",
      name: "Ada",
      metadata: { userId: "u_1" },
    });
    expect(created).toMatchObject({
      object: "customer",
      email: "ada@example.com",
      livemode: false,
      metadata: { userId: "u_1" },
    });
    expect(created.id).toMatch(/^cus_/);

    const updated = await stripe.customers.update(created.id, {
      name: "Ada L.",
      metadata: { plan: "pro" },
    });
    expect(updated.metadata).toEqual({ userId: "u_1", plan: "pro" });
    expect((await stripe.customers.retrieve(created.id)) as Stripe.Customer).toMatchObject({
      name: "Ada L.",
    });
  });

  it("creates a hosted session with computed amounts, echoing reference and metadata", async () => {
    const session = await createHostedSession(stripe, {
      line_items: [
        {
          quantity: 2,
          price_data: { currency: "usd", unit_amount: 1250, product_data: { name: "Seat" } },
        },
        {
          quantity: 1,
          price_data: { currency: "usd", unit_amount: 500, product_data: { name: "Fee" } },
        },
      ],
      client_reference_id: "order_123",
      metadata: { orderId: "order_123" },
      customer_email: "buyer@example.com",
    });

    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      ui_mode: "hosted_page",
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: 3000,
      amount_total: 3000,
      currency: "usd",
      client_reference_id: "order_123",
      metadata: { orderId: "order_123" },
      customer_email: "buyer@example.com",
      client_secret: null,
      payment_intent: null,
      url: `${sandbox.publicUrl}/c/pay/${session.id}`,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.expires_at - session.created).toBe(86_400);

    const retrieved = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ["line_items"],
    });
    expect(
      retrieved.line_items?.data.map((item) => [
        item.description,
        item.quantity,
        item.amount_total,
      ]),
    ).toEqual([
      ["Seat", 2, 2500],
      ["Fee", 1, 500],
    ]);
  });

  it("creates an embedded session with a client secret and serves its iframe page only with it", async () => {
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      ui_mode: "embedded_page",
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "eur", unit_amount: 1999, product_data: { name: "Plan" } },
        },
      ],
      return_url: "http://localhost:3000/checkout/return?session_id={CHECKOUT_SESSION_ID}",
    });
    expect(session).toMatchObject({
      ui_mode: "embedded_page",
      url: null,
      amount_total: 1999,
      currency: "eur",
    });
    expect(session.client_secret).toMatch(new RegExp(`^${session.id}_secret_`));
    expect(session.return_url).toContain("{CHECKOUT_SESSION_ID}");

    const page = await fetch(
      `${sandbox.url}/embedded/${session.id}?client_secret=${session.client_secret}`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("€19.99");
    const wrong = await fetch(
      `${sandbox.url}/embedded/${session.id}?client_secret=${session.id}_secret_nope`,
    );
    expect(wrong.status).toBe(403);
  });

  it("answers unknown ids, routes, keys and parameters with Stripe's errors", async () => {
    const missing = await stripe.checkout.sessions
      .retrieve("cs_test_missing")
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({
      code: "resource_missing",
      statusCode: 404,
      param: "id",
      message: "No such checkout.session: 'cs_test_missing'",
    });

    const unknownRoute = await fetch(`${sandbox.url}/v1/widgets`, {
      headers: { Authorization: "Bearer sk_test_x" },
    });
    expect(unknownRoute.status).toBe(404);
    expect((await unknownRoute.json()).error.type).toBe("invalid_request_error");

    const noKey = await fetch(`${sandbox.url}/v1/customers/cus_1`);
    expect(noKey.status).toBe(401);

    const badInteger = await fetch(`${sandbox.url}/v1/prices`, {
      method: "POST",
      headers: {
        Authorization: "Bearer sk_test_x",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "currency=usd&unit_amount=ten&product_data[name]=X",
    });
    expect(badInteger.status).toBe(400);
    expect((await badInteger.json()).error).toMatchObject({
      code: "parameter_invalid_integer",
      param: "unit_amount",
    });

    const noLines = await stripe.checkout.sessions
      .create({ mode: "payment" })
      .catch((error: unknown) => error);
    expect(noLines).toMatchObject({
      code: "parameter_missing",
      param: "line_items",
      statusCode: 400,
    });
  });

  it("replays a response for a repeated Idempotency-Key and refuses the key for other params", async () => {
    const first = await stripe.customers.create(
      { email: "same@example.com" },
      { idempotencyKey: "idem-1" },
    );
    const second = await stripe.customers.create(
      { email: "same@example.com" },
      { idempotencyKey: "idem-1" },
    );
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");

    const reused = await stripe.customers
      .create({ email: "other@example.com" }, { idempotencyKey: "idem-1" })
      .catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });
});

describe("paying on the sandbox's checkout pages", () => {
  it("completes a session paid with 4242 and delivers a correctly signed checkout.session.completed", async () => {
    const session = await createHostedSession(stripe, {
      client_reference_id: "order_paid",
      metadata: { orderId: "order_paid" },
    });

    const page = await fetch(session.url ?? "");
    expect(await page.text()).toContain(PRODUCT_NAME);
    const result = await submitHostedCheckout(sandbox.url, session.id, {
      cardNumber: "4242 4242 4242 4242",
    });

    expect(result.status).toBe(303);
    expect(result.location).toBe(`http://localhost:3000/checkout/return?session_id=${session.id}`);
    const paid = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ["payment_intent"],
    });
    expect(paid).toMatchObject({
      status: "complete",
      payment_status: "paid",
      customer_details: { email: "buyer@example.com" },
    });
    const intent = paid.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({
      status: "succeeded",
      amount: 4900,
      amount_received: 4900,
      currency: "usd",
    });
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({
      status: "succeeded",
      paid: true,
      payment_intent: intent.id,
      amount: 4900,
    });

    const [delivery] = await waitFor(() => {
      const found = receiver.deliveries("checkout.session.completed", session.id);
      return found.length > 0 && found;
    });
    expect(delivery.verificationError).toBeNull();
    const header = String(delivery.headers["stripe-signature"]);
    const timestamp = Number(/^t=(\d+),/.exec(header)?.[1]);
    expect(header).toBe(
      stripe.webhooks.generateTestHeaderString({
        payload: delivery.rawBody,
        secret: WEBHOOK_SECRET,
        timestamp,
      }),
    );
    expect(delivery.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(delivery.headers["user-agent"]).toBe("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    expect(delivery.event).toMatchObject({
      object: "event",
      api_version: "2026-10-28.endive",
      livemode: false,
      pending_webhooks: 1,
    });
    expect(delivery.event?.data.object).toMatchObject({
      payment_status: "paid",
      client_reference_id: "order_paid",
      metadata: { orderId: "order_paid" },
      payment_intent: intent.id,
    });
    const stored = await stripe.events.retrieve(delivery.event?.id ?? "");
    expect(stored.type).toBe("checkout.session.completed");
  });

  it("shows the decline for 9995, keeps the session open and sends no completion", async () => {
    const session = await createHostedSession(stripe);

    const result = await submitHostedCheckout(sandbox.url, session.id, {
      cardNumber: "4000 0000 0000 9995",
    });

    expect(result.status).toBe(402);
    expect(result.html).toContain("Your card has insufficient funds.");
    const after = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ["payment_intent"],
    });
    expect(after).toMatchObject({ status: "open", payment_status: "unpaid" });
    expect(after.payment_intent).toMatchObject({
      status: "requires_payment_method",
      last_payment_error: {
        type: "card_error",
        code: "card_declined",
        decline_code: "insufficient_funds",
      },
    });
    const intentId = (after.payment_intent as Stripe.PaymentIntent).id;
    await waitFor(() => receiver.deliveries("payment_intent.payment_failed", intentId).length > 0);
    expect(receiver.deliveries("checkout.session.completed", session.id)).toHaveLength(0);
  });

  it("refuses a number that fails the Luhn check before any payment attempt", async () => {
    const session = await createHostedSession(stripe);
    const result = await submitHostedCheckout(sandbox.url, session.id, {
      cardNumber: "4242 4242 4242 4241",
    });
    expect(result.html).toContain("Your card number is incorrect.");
    expect((await sessionOf(session.id)).payment_intent).toBeNull();
  });

  it("completes an embedded session and hands the return URL with the session id to the page", async () => {
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      ui_mode: "embedded_page",
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "usd", unit_amount: 900, product_data: { name: "Embedded" } },
        },
      ],
      return_url: "http://localhost:3000/return?session_id={CHECKOUT_SESSION_ID}",
    });

    const declined = await submitEmbeddedCheckout(sandbox.url, session, {
      cardNumber: "4000000000009995",
    });
    expect(declined.status).toBe(402);
    expect(JSON.parse(declined.text)).toEqual({
      outcome: "error",
      message: "Your card has insufficient funds.",
    });

    const paid = await submitEmbeddedCheckout(sandbox.url, session, {
      cardNumber: "4242424242424242",
    });
    expect(JSON.parse(paid.text)).toEqual({
      outcome: "complete",
      sessionId: session.id,
      redirectUrl: `http://localhost:3000/return?session_id=${session.id}`,
    });
    const asPlainForm = await submitEmbeddedCheckout(
      sandbox.url,
      session,
      { cardNumber: "4242424242424242" },
      "html",
    );
    expect(asPlainForm.text).toContain("stripe-sandbox:checkout-complete");
    expect((await sessionOf(session.id)).payment_status).toBe("paid");
  });

  it("completes a bank debit unpaid, then settles it with async_payment_succeeded", async () => {
    const session = await createHostedSession(stripe);

    await submitHostedCheckout(sandbox.url, session.id, {
      method: "bank_debit",
      accountNumber: "000123456789",
    });

    const completed = await waitFor(
      () => receiver.deliveries("checkout.session.completed", session.id)[0],
    );
    expect(completed.event?.data.object).toMatchObject({
      status: "complete",
      payment_status: "unpaid",
    });
    await waitFor(
      () => receiver.deliveries("checkout.session.async_payment_succeeded", session.id).length > 0,
    );
    const settled = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ["payment_intent"],
    });
    expect(settled.payment_status).toBe("paid");
    expect(settled.payment_intent).toMatchObject({ status: "succeeded", amount_received: 4900 });
  });

  it("fails a bank debit from the closed test account with async_payment_failed", async () => {
    const session = await createHostedSession(stripe);

    await submitHostedCheckout(sandbox.url, session.id, {
      method: "bank_debit",
      accountNumber: "000111111113",
    });

    const failed = await waitFor(
      () => receiver.deliveries("checkout.session.async_payment_failed", session.id)[0],
    );
    expect(failed.event?.data.object).toMatchObject({
      status: "complete",
      payment_status: "unpaid",
    });
    const intent = await stripe.paymentIntents.retrieve(
      String((await sessionOf(session.id)).payment_intent),
    );
    expect(intent).toMatchObject({
      status: "requires_payment_method",
      last_payment_error: { code: "account_closed" },
    });
  });
});

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
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.deliveries("customer.created", first.id)).toHaveLength(0);

    const flushed = await fetch(`${sandbox.url}/_sandbox/flush`, { method: "POST" });
    expect((await flushed.json()).released).toBeGreaterThanOrEqual(2);

    await waitFor(() => receiver.deliveries("customer.created", first.id).length > 0);
    const order = receiver.received
      .filter((item) => item.event?.type === "customer.created")
      .map((item) => (item.event?.data.object as Stripe.Customer).id);
    expect(order.indexOf(second.id)).toBeLessThan(order.indexOf(first.id));
  });

  it("delivers late when the delay switch is set", async () => {
    await fetch(`${sandbox.url}/_sandbox/delivery`, {
      method: "POST",
      body: JSON.stringify({ delayMs: 300 }),
    });
    const customer = await stripe.customers.create({ email: "late@example.com" });

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.deliveries("customer.created", customer.id)).toHaveLength(0);
    await waitFor(() => receiver.deliveries("customer.created", customer.id).length === 1);
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
