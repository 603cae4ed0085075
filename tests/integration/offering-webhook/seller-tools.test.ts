/**
 * Seller tools on the offering's admin page: the delivery log (refusals included, 200 kept per
 * offering), the Stripe signing secret (stored encrypted, then a Stripe-Signature authenticates)
 * and Send test delivery, which goes over real HTTP to the app's webhook route handler served
 * on a local port (the app's URL for this file).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/webhooks/offerings/[id]/route";
import { db } from "@/lib/db";
import { getOfferingWebhookDetails } from "@/lib/offerings/get-offering-webhook-details";
import { listWebhookDeliveries } from "@/lib/offerings/list-webhook-deliveries";
import { rotateWebhookSecret } from "@/lib/offerings/rotate-webhook-secret";
import { sendTestDelivery } from "@/lib/offerings/send-test-delivery";
import { setStripeSigningSecret } from "@/lib/offerings/set-stripe-signing-secret";
import { decryptSecret } from "@/lib/security/secrets";
import { makeOffering, pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";
import {
  checkoutSession,
  serialiseEvent,
  stripeEvent,
  stripeSignature,
} from "../../../tooling/stripe";

const configuredAppUrl = process.env.NEXT_PUBLIC_APP_URL;
let server: Server | undefined;
let appUrl = "";
/** When set, the server takes requests and never answers them. */
let hang = false;

/** Serves POST /webhooks/offerings/:id with the app's own route handler. */
function webhookServer() {
  return createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    if (hang) return;
    const id = /^\/webhooks\/offerings\/([^/?]+)$/.exec(incoming.url ?? "")?.[1];
    if (incoming.method !== "POST" || !id) {
      outgoing.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const request = new Request(`${appUrl}${incoming.url}`, {
      method: "POST",
      headers,
      body: Buffer.concat(chunks),
    });
    const response = await POST(request, { params: Promise.resolve({ id }) });
    outgoing.writeHead(response.status, { "content-type": "application/json" });
    outgoing.end(await response.text());
  });
}

async function stopServer() {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
}

beforeAll(async () => {
  server = webhookServer();
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The app reads its configuration lazily: set before its first read in this file.
  process.env.NEXT_PUBLIC_APP_URL = appUrl;
});

afterAll(async () => {
  if (configuredAppUrl === undefined) delete process.env.NEXT_PUBLIC_APP_URL;
  else process.env.NEXT_PUBLIC_APP_URL = configuredAppUrl;
  await stopServer();
});

beforeEach(resetDatabase);

const testEvent = { status: "succeeded", test: true };

describe("delivery log", () => {
  it("lists deliveries newest first, the 401 and 422 refusals with their reasons, and no secret", async () => {
    const offering = await makeOffering();
    const sent = [
      await postOfferingWebhook(offering.id, testEvent, { secret: offering.webhookSecret }),
      await postOfferingWebhook(offering.id, testEvent, { secret: "whsec_not_the_secret" }),
      await postOfferingWebhook(
        offering.id,
        { hello: "world" },
        { secret: offering.webhookSecret },
      ),
    ];
    expect(sent.map((response) => response.status)).toEqual([200, 401, 422]);

    const { deliveries, total } = await listWebhookDeliveries({ offeringId: offering.id });
    expect(total).toBe(3);
    expect(
      deliveries.map(({ status, outcome, test, format }) => ({ status, outcome, test, format })),
    ).toEqual([
      { status: 422, outcome: "validation_failed", test: false, format: null },
      { status: 401, outcome: "unauthorized", test: false, format: null },
      { status: 200, outcome: "test", test: true, format: "json" },
    ]);
    expect(deliveries[0].reason).toMatch(/no format this webhook understands/);
    expect(deliveries[1].reason).toMatch(/secret is not valid/);
    const logged = JSON.stringify(deliveries);
    expect(logged).not.toContain(offering.webhookSecret);
    expect(logged).not.toContain("whsec_not_the_secret");
  });

  it("keeps only the newest 200 per offering; another offering's log is its own", async () => {
    const offering = await makeOffering();
    const other = await makeOffering({ name: "Other course" });
    await postOfferingWebhook(other.id, testEvent, { secret: other.webhookSecret });
    const first = await postOfferingWebhook(offering.id, testEvent, {
      secret: offering.webhookSecret,
    });
    expect(first.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first is strictly the oldest
    for (let refused = 0; refused < 200; refused++) {
      expect((await postOfferingWebhook(offering.id, testEvent)).status).toBe(401);
    }

    const log = await listWebhookDeliveries({ offeringId: offering.id });
    expect(log.total).toBe(200);
    expect(log.deliveries).toHaveLength(50);
    const kept = await listWebhookDeliveries({ offeringId: offering.id, limit: 500 });
    expect(kept.deliveries).toHaveLength(200);
    expect(kept.deliveries.every((delivery) => delivery.status === 401 && !delivery.test)).toBe(
      true,
    );
    expect((await listWebhookDeliveries({ offeringId: other.id })).total).toBe(1);
  });
});

describe("Stripe signing secret", () => {
  it("is stored encrypted, lets a Stripe-signed event in, and once removed lets none in", async () => {
    const { offering, orderId, purchaseId } = await pendingPurchaseScenario();
    const signingSecret = "whsec_stripe_endpoint_signing_secret";
    const session = checkoutSession({
      sessionId: "cs_test_seller_tools",
      orderId,
      amount: 4900,
      paymentIntent: "pi_seller_tools",
    });
    const payload = serialiseEvent(
      stripeEvent("checkout.session.completed", session, { id: "evt_seller_tools_1" }),
    );
    const signed = () => ({
      rawBody: payload,
      headers: { "stripe-signature": stripeSignature(payload, { secret: signingSecret }) },
    });
    expect((await postOfferingWebhook(offering.id, null, signed())).status).toBe(401);

    await setStripeSigningSecret({ offeringId: offering.id, signingSecret });
    const stored = await db.offering.findUniqueOrThrow({
      where: { id: offering.id },
      select: { stripeSigningSecret: true },
    });
    expect(stored.stripeSigningSecret).not.toContain(signingSecret);
    expect(decryptSecret(stored.stripeSigningSecret ?? "")).toBe(signingSecret);
    const details = await getOfferingWebhookDetails({ offeringId: offering.id });
    expect(details.stripeSigningSecretSet).toBe(true);
    expect(JSON.stringify(details)).not.toContain(signingSecret);

    const accepted = await postOfferingWebhook(offering.id, null, signed());
    expect(accepted).toMatchObject({
      status: 200,
      body: {
        format: "stripe",
        authenticated_by: "stripe-signature",
        outcome: "processed",
        purchase_id: purchaseId,
      },
    });
    const purchase = await db.purchase.findUniqueOrThrow({
      where: { id: purchaseId },
      select: { status: true },
    });
    expect(purchase.status).toBe("SUCCEEDED");

    await setStripeSigningSecret({ offeringId: offering.id, signingSecret: null });
    const removed = await db.offering.findUniqueOrThrow({
      where: { id: offering.id },
      select: { stripeSigningSecret: true },
    });
    expect(removed.stripeSigningSecret).toBeNull();
    expect(
      (await getOfferingWebhookDetails({ offeringId: offering.id })).stripeSigningSecretSet,
    ).toBe(false);
    const refused = await postOfferingWebhook(offering.id, null, signed());
    expect(refused).toMatchObject({ status: 401, body: { error: "unauthorized" } });
  });

  it("accepts only a whsec_ secret of 10 to 200 characters, for an offering that exists", async () => {
    const offering = await makeOffering();
    for (const signingSecret of [
      "sk_test_1234567890",
      "whsec_12",
      `whsec_${"a".repeat(200)}`,
      "whsec_has space",
    ]) {
      await expect(
        setStripeSigningSecret({ offeringId: offering.id, signingSecret }),
      ).rejects.toThrow();
    }
    const untouched = await db.offering.findUniqueOrThrow({
      where: { id: offering.id },
      select: { stripeSigningSecret: true },
    });
    expect(untouched.stripeSigningSecret).toBeNull();
    await expect(
      setStripeSigningSecret({
        offeringId: "no-such-offering",
        signingSecret: "whsec_valid_secret",
      }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("Send test delivery", () => {
  it("posts a test event with the current secret to the offering's URL and reports the answer, which is logged", async () => {
    const offering = await makeOffering();
    // Rotated long ago: the previous secret no longer works, so only the current one can pass.
    await rotateWebhookSecret({
      offeringId: offering.id,
      actorId: "test-admin",
      now: new Date(Date.now() - 3 * 86_400_000),
    });

    const result = await sendTestDelivery({ offeringId: offering.id });
    expect(result).toMatchObject({
      url: `${appUrl}/webhooks/offerings/${offering.id}`,
      status: 200,
      body: { received: true, outcome: "test", format: "json", authenticated_by: "secret" },
    });
    const { deliveries } = await listWebhookDeliveries({ offeringId: offering.id });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      status: 200,
      outcome: "test",
      test: true,
      format: "json",
    });
    expect(await db.processedEvent.count()).toBe(0); // a test changes nothing
  });

  it("says which URL could not be reached and why: no answer in time, or nobody listening", async () => {
    const offering = await makeOffering();
    const url = `${appUrl}/webhooks/offerings/${offering.id}`;
    hang = true;
    await expect(
      sendTestDelivery({ offeringId: offering.id, timeoutMs: 300 }),
    ).rejects.toMatchObject({
      code: "provider_unavailable",
      message: `Could not reach ${url}: no answer within 0.3 s.`,
    });
    hang = false;

    await stopServer();
    await expect(sendTestDelivery({ offeringId: offering.id })).rejects.toMatchObject({
      code: "provider_unavailable",
      message: expect.stringContaining(`Could not reach ${url}: the connection was refused`),
    });
    expect((await listWebhookDeliveries({ offeringId: offering.id })).total).toBe(0);
  });
});
