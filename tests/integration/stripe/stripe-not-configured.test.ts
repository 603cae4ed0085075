/**
 * Without Stripe keys the webhook route refuses with 503, so a provider retries later instead of
 * being told an event was handled. The keys vitest sets are removed before this file first reads
 * its configuration.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent, pendingStripeOrderScenario } from "../../helpers/stripe-webhook";
import { checkoutSession, stripeEvent } from "../../../tooling/stripe";

const STRIPE_KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const;
const configured = STRIPE_KEYS.map((name) => [name, process.env[name]] as const);

beforeAll(() => {
  for (const name of STRIPE_KEYS) delete process.env[name];
});

afterAll(() => {
  for (const [name, value] of configured) if (value !== undefined) process.env[name] = value;
});

beforeEach(resetDatabase);

describe("Stripe webhook without Stripe configured", () => {
  it("answers 503 not_configured in the error shape and records nothing", async () => {
    const { purchaseId, orderId } = await pendingStripeOrderScenario();
    // Signed with the secret the app would have had: the missing configuration decides, not the body.
    const event = stripeEvent("checkout.session.completed", checkoutSession({ orderId }));

    const response = await deliverStripeEvent(event);

    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      error: "not_configured",
      message: expect.any(String),
      details: {},
    });
    expect(JSON.stringify(response.body)).not.toMatch(/sk_test|whsec_/);
    expect(await db.processedEvent.count()).toBe(0);
    expect((await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } })).status).toBe(
      "PENDING",
    );
  });

  it("answers 503 even when the request carries no signature at all", async () => {
    const response = await deliverStripeEvent(
      stripeEvent("customer.created", { id: "cus_x", object: "customer" }),
      { signature: null },
    );
    expect(response.status).toBe(503);
    expect(response.body.error).toBe("not_configured");
  });
});
