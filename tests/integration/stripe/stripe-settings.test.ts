/**
 * Settings → Integrations → Stripe: values saved by an admin take precedence over the
 * environment's with no restart, a replaced signing secret stays valid for the chosen overlap
 * and no longer, and no value ever leaves in full. Stripe API calls go to the local sandbox;
 * Send test event goes over real HTTP to the webhook route handler served on a local port.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { errorResponse } from "@/lib/errors";
import { getStripe, isStripeConfigured, stripePublishableKey } from "@/lib/stripe/client";
import { getStripeIntegration } from "@/lib/settings/get-stripe-integration";
import { invalidateStripeSettings } from "@/lib/stripe/settings";
import {
  saveStripeSettings,
  type SaveStripeSettingsOptions,
} from "@/lib/settings/save-stripe-settings";
import { sendStripeTestEvent } from "@/lib/settings/send-stripe-test-event";
import { startStripeSandbox, type StripeSandbox } from "@offerings/stripe-sandbox";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent, WEBHOOK_SECRET } from "../../helpers/stripe-webhook";
import { stripeEvent } from "../../../tooling/stripe";

const NEW_SECRET = "whsec_saved_in_settings_0001";
const NEWER_SECRET = "whsec_saved_in_settings_0002";
const SECRET_KEY = "sk_test_saved_in_settings_k3y9";
const PUBLISHABLE_KEY = "pk_test_saved_in_settings_p7q8";

const configured = {
  appUrl: process.env.NEXT_PUBLIC_APP_URL,
  apiBase: process.env.STRIPE_API_BASE,
};
let sandbox: StripeSandbox | undefined;
let server: Server | undefined;
let adminId = "";

/** Serves POST /api/webhooks/stripe with the app's own route handler, as the app would. */
function webhookServer(appUrl: () => string) {
  return createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const request = new Request(`${appUrl()}${incoming.url}`, {
      method: "POST",
      headers,
      body: Buffer.concat(chunks),
    });
    const response = await POST(request, { params: Promise.resolve({}) });
    outgoing.writeHead(response.status, { "content-type": "application/json" });
    outgoing.end(await response.text());
  });
}

beforeAll(async () => {
  sandbox = await startStripeSandbox({ port: 0, webhookSecret: WEBHOOK_SECRET });
  sandbox.setWebhookUrl(null);
  let appUrl = "";
  server = webhookServer(() => appUrl);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The app reads its configuration lazily: set before its first read in this file.
  process.env.NEXT_PUBLIC_APP_URL = appUrl;
  process.env.STRIPE_API_BASE = sandbox.url;
});

afterAll(async () => {
  process.env.NEXT_PUBLIC_APP_URL = configured.appUrl;
  if (configured.apiBase === undefined) delete process.env.STRIPE_API_BASE;
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await sandbox?.close();
});

beforeEach(async () => {
  await resetDatabase();
  invalidateStripeSettings(); // the truncate bypassed the save path
  adminId = (await makeUser({ role: "ADMIN" })).id;
});

const save = (input: SaveStripeSettingsOptions["input"]) =>
  saveStripeSettings({ input, actorId: adminId });
const ping = () => stripeEvent("customer.created", { id: "cus_settings", object: "customer" });

/** Moves the end of the overlap into the past, as time passing would, on every instance. */
async function endOverlap() {
  const row = await db.setting.findUniqueOrThrow({ where: { key: "stripe" } });
  const value = {
    ...(row.value as object),
    previousSecretExpiresAt: new Date(Date.now() - 1000).toISOString(),
  };
  await db.setting.update({ where: { key: "stripe" }, data: { value } });
  invalidateStripeSettings();
}

describe("how deliveries went (first: one refusal per 10 s is recorded per instance)", () => {
  it("shows the last verified event and the last refused signature", async () => {
    expect(await getStripeIntegration()).toMatchObject({
      lastVerifiedEvent: null,
      lastSignatureFailureAt: null,
    });
    expect((await deliverStripeEvent(ping())).status).toBe(200);
    expect((await deliverStripeEvent(ping(), { secret: "whsec_forged_secret_000" })).status).toBe(
      400,
    );

    const view = await getStripeIntegration();
    expect(view.lastVerifiedEvent).toMatchObject({ type: "customer.created", outcome: "ignored" });
    expect(view.lastSignatureFailureAt).toBeInstanceOf(Date);
    expect(view.endpointUrl).toBe(`${process.env.NEXT_PUBLIC_APP_URL}/api/webhooks/stripe`);
    expect(view.eventTypes).toContain("checkout.session.completed");
    expect(view.eventTypes).toContain("invoice.payment_failed");
    expect(view.sandboxUrl).toBe(sandbox?.url);
  });
});

describe("the webhook signing secret", () => {
  it("verifies the next event once saved, with no restart, and keeps the replaced one for the overlap", async () => {
    expect((await deliverStripeEvent(ping(), { secret: NEW_SECRET })).status).toBe(400);

    expect(await save({ webhookSecret: NEW_SECRET })).toEqual({
      changed: ["webhookSecret", "previousWebhookSecret"],
    });

    expect((await deliverStripeEvent(ping(), { secret: NEW_SECRET })).status).toBe(200);
    // The environment's secret was the one in effect: it is the previous one for 24 h.
    expect((await deliverStripeEvent(ping(), { secret: WEBHOOK_SECRET })).status).toBe(200);
    const { previousWebhookSecret } = await getStripeIntegration();
    const hours = (previousWebhookSecret!.acceptedUntil.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it("accepts the old secret during the overlap and refuses it with 400 after it", async () => {
    await save({ webhookSecret: NEW_SECRET, overlapHours: "0" });
    await save({ webhookSecret: NEWER_SECRET, overlapHours: "2" });
    expect((await deliverStripeEvent(ping(), { secret: NEW_SECRET })).status).toBe(200);
    expect((await deliverStripeEvent(ping(), { secret: NEWER_SECRET })).status).toBe(200);

    await endOverlap();

    const late = await deliverStripeEvent(ping(), { secret: NEW_SECRET });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ error: "invalid_signature", details: {} });
    expect((await deliverStripeEvent(ping(), { secret: NEWER_SECRET })).status).toBe(200);
    expect((await getStripeIntegration()).previousWebhookSecret).toBeNull();
  });

  it("with an overlap of 0 the replaced secret is refused at once", async () => {
    await save({ webhookSecret: NEW_SECRET, overlapHours: 0 });
    expect((await deliverStripeEvent(ping(), { secret: WEBHOOK_SECRET })).status).toBe(400);
    expect((await deliverStripeEvent(ping(), { secret: NEW_SECRET })).status).toBe(200);
  });
});

describe("validation", () => {
  it("refuses malformed values with 422 naming each field, and stores nothing", async () => {
    const error = await save({
      webhookSecret: "sk_test_not_a_signing_secret",
      secretKey: "pk_test_not_a_secret_key",
      publishableKey: "whsec_not_a_publishable_key",
      overlapHours: "73",
    }).catch((caught: unknown) => caught);

    const response = errorResponse(error);
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: string;
      message: string;
      details: { fields: object };
    };
    expect(body.error).toBe("validation_failed");
    expect(Object.keys(body.details.fields).sort()).toEqual([
      "overlapHours",
      "publishableKey",
      "secretKey",
      "webhookSecret",
    ]);
    expect(body.message).toContain("webhookSecret");
    expect(JSON.stringify(body)).not.toMatch(/not_a_/);
    expect(await db.setting.count({ where: { key: "stripe" } })).toBe(0);
    expect(await db.auditEntry.count()).toBe(0);
  });

  it("refuses a new value and its removal in the same save", async () => {
    const error = await save({ webhookSecret: NEW_SECRET, remove: ["webhookSecret"] }).catch(
      (caught: unknown) => caught,
    );
    expect(errorResponse(error).status).toBe(422);
  });
});

describe("precedence over the environment", () => {
  it("uses the saved secret key and publishable key, and the environment's again once removed", async () => {
    await save({ secretKey: "sk_live_saved_live_key_0000", publishableKey: PUBLISHABLE_KEY });
    // The sandbox refuses live keys: the refusal shows the saved key is the one in use.
    await expect(
      (await getStripe()).customers.create({ email: "a@example.com" }),
    ).rejects.toMatchObject({
      statusCode: 401,
    });
    expect(await stripePublishableKey()).toBe(PUBLISHABLE_KEY);

    await save({ secretKey: SECRET_KEY });
    const customer = await (await getStripe()).customers.create({ email: "b@example.com" });
    expect(customer.id).toMatch(/^cus_/);

    await save({ remove: ["secretKey", "publishableKey", "webhookSecret"] });
    await expect(
      (await getStripe()).customers.create({ email: "c@example.com" }),
    ).resolves.toMatchObject({ object: "customer" });
    expect(await stripePublishableKey()).toBeNull();
    expect(await isStripeConfigured()).toBe(true);
  });

  it("falls back to the environment's signing secret when the saved one is removed", async () => {
    await save({ webhookSecret: NEW_SECRET, overlapHours: 0 });
    expect((await deliverStripeEvent(ping(), { secret: WEBHOOK_SECRET })).status).toBe(400);

    expect(await save({ remove: ["webhookSecret"], overlapHours: 0 })).toEqual({
      changed: ["webhookSecret"],
    });

    expect((await deliverStripeEvent(ping(), { secret: WEBHOOK_SECRET })).status).toBe(200);
    expect((await deliverStripeEvent(ping(), { secret: NEW_SECRET })).status).toBe(400);
    expect((await getStripeIntegration()).fields.webhookSecret).toEqual({
      source: "environment",
      masked: "whsec_…cret",
    });
  });
});

describe("no value leaves in full", () => {
  it("stores values encrypted; the audit trail, the page's data and every answer hold none", async () => {
    const saved = await save({
      webhookSecret: NEW_SECRET,
      secretKey: SECRET_KEY,
      publishableKey: PUBLISHABLE_KEY,
    });
    const values = [NEW_SECRET, SECRET_KEY, PUBLISHABLE_KEY, WEBHOOK_SECRET];
    const leaks = (text: string) => values.filter((value) => text.includes(value));

    const row = await db.setting.findUniqueOrThrow({ where: { key: "stripe" } });
    expect(leaks(JSON.stringify(row))).toEqual([]);
    expect(row.updatedBy).toBe(adminId);

    const audit = await db.auditEntry.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: adminId,
      action: "settings.stripe.update",
      subject: "stripe",
    });
    expect(audit[0].details).toMatchObject({
      changed: ["webhookSecret", "secretKey", "publishableKey", "previousWebhookSecret"],
    });
    expect(leaks(JSON.stringify(audit))).toEqual([]);
    expect(leaks(JSON.stringify(saved))).toEqual([]);

    const view = await getStripeIntegration();
    expect(view.fields).toEqual({
      webhookSecret: { source: "database", masked: "whsec_…0001" },
      secretKey: { source: "database", masked: "sk_test_…k3y9" },
      publishableKey: { source: "database", masked: "pk_test_…p7q8" },
    });
    expect(view.previousWebhookSecret?.masked).toBe("whsec_…cret");
    expect(leaks(JSON.stringify(view))).toEqual([]);

    const refused = await deliverStripeEvent(ping(), { secret: "whsec_forged_secret_000" });
    expect(leaks(JSON.stringify(refused.body))).toEqual([]);
  });
});

describe("Send test event", () => {
  it("signs a test event with the secret in effect and posts it to the endpoint over HTTP: 200, recorded as ignored", async () => {
    await save({ webhookSecret: NEW_SECRET, overlapHours: 0 });

    const result = await sendStripeTestEvent();

    expect(result).toMatchObject({
      url: `${process.env.NEXT_PUBLIC_APP_URL}/api/webhooks/stripe`,
      status: 200,
      body: { received: true, duplicate: false, outcome: "ignored" },
    });
    expect(result.eventId).toMatch(/^evt_test_/);
    const recorded = await db.processedEvent.findFirstOrThrow({
      where: { providerEventId: result.eventId },
    });
    expect(recorded).toMatchObject({ provider: "stripe", type: "ping", outcome: "IGNORED" });
    expect(JSON.stringify(result)).not.toContain(NEW_SECRET);
  });
});
