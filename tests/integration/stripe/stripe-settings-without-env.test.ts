/**
 * With no Stripe variables in the environment, values saved in Settings → Integrations are
 * enough for the Stripe webhook, and with neither it answers 503 not_configured, as it did
 * before there were settings. The keys vitest sets are removed before this file first reads its
 * configuration.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isStripeConfigured } from "@/lib/stripe/client";
import { getStripeIntegration } from "@/lib/settings/get-stripe-integration";
import { invalidateStripeSettings } from "@/lib/stripe/settings";
import { saveStripeSettings } from "@/lib/settings/save-stripe-settings";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { stripeEvent } from "../../../tooling/stripe";

const STRIPE_KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const;
const configured = STRIPE_KEYS.map((name) => [name, process.env[name]] as const);
const SAVED_SECRET = "whsec_only_in_the_database_1234";

beforeAll(() => {
  for (const name of STRIPE_KEYS) delete process.env[name];
});

afterAll(() => {
  for (const [name, value] of configured) if (value !== undefined) process.env[name] = value;
});

beforeEach(async () => {
  await resetDatabase();
  invalidateStripeSettings();
});

const ping = () => stripeEvent("customer.created", { id: "cus_x", object: "customer" });

describe("Stripe settings without environment variables", () => {
  it("answers 503 with neither, works with saved values, and answers 503 again once they are removed", async () => {
    const { id: actorId } = await makeUser({ role: "ADMIN" });
    const unconfigured = await deliverStripeEvent(ping(), { secret: SAVED_SECRET });
    expect(unconfigured.status).toBe(503);
    expect(unconfigured.body).toEqual({
      error: "not_configured",
      message: expect.any(String),
      details: {},
    });
    expect(await isStripeConfigured()).toBe(false);
    expect((await getStripeIntegration()).fields.webhookSecret).toEqual({
      source: "none",
      masked: null,
    });

    await saveStripeSettings({
      input: { webhookSecret: SAVED_SECRET, secretKey: "sk_test_only_in_the_database" },
      actorId,
    });
    expect(await isStripeConfigured()).toBe(true);
    const verified = await deliverStripeEvent(ping(), { secret: SAVED_SECRET });
    expect(verified).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "ignored" },
    });

    // Removed, the saved secret is the previous one for the overlap, but nothing is current.
    await saveStripeSettings({ input: { remove: ["webhookSecret", "secretKey"] }, actorId });
    const removed = await deliverStripeEvent(ping(), { secret: SAVED_SECRET });
    expect(removed.status).toBe(503);
    expect(removed.body.error).toBe("not_configured");
    expect(await db.processedEvent.count()).toBe(1);
  });
});
