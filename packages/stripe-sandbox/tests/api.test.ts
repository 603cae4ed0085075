import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import type { StripeSandbox } from "../src";
import { setUpSandboxSuite } from "./helpers/suite";
import { createHostedSession } from "../testing/checkout";

let sandbox: StripeSandbox;
let stripe: Stripe;
const suite = setUpSandboxSuite();
beforeAll(() => {
  ({ sandbox, stripe } = suite);
});

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
