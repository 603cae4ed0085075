import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import type { StripeSandbox } from "../src";
import { setUpSandboxSuite, WEBHOOK_SECRET } from "./helpers/suite";
import {
  createHostedSession,
  PRODUCT_NAME,
  submitEmbeddedCheckout,
  submitHostedCheckout,
} from "../testing/checkout";
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
