/**
 * Structured logs and metrics: what an engineer on call reads. The logger writes to a stream the
 * test holds, so every line the app logged is checked, not only the one expected.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { db } from "@/lib/db";
import { setLogDestination } from "@/lib/logger";
import { metrics } from "@/lib/observability/metrics";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { embeddedOffering, makeOffering, makeUser } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox, startCheckout } from "../../helpers/stripe-app-sandbox";
import {
  WEBHOOK_SECRET,
  deliverStripeEvent,
  pendingStripeOrderScenario,
} from "../../helpers/stripe-webhook";
import {
  checkoutSession,
  refundedCharge,
  serialiseEvent,
  stripeEvent,
  stripeSignature,
} from "../../../tooling/stripe";

const CARD_NUMBER = "4242424242424242";
const noParams = { params: Promise.resolve({}) };

// Embedded Checkout needs Stripe: the local sandbox answers for it in this file.
setUpStripeSandbox();

let output = "";
const lines = () =>
  output
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

beforeEach(async () => {
  await resetDatabase();
  output = "";
  setLogDestination({ write: (line: string) => void (output += line) });
});

afterAll(() => setLogDestination());

/** The current value of a counter (or a histogram's `_count`) for exactly these labels. */
async function metricValue(name: string, labels: Record<string, string>): Promise<number> {
  const [metricName, suffix] = name.endsWith("_count") ? [name.slice(0, -6), "_count"] : [name, ""];
  const metric = metrics.registry.getSingleMetric(metricName);
  if (!metric) throw new Error(`no metric ${metricName}`);
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  const match = values.find(
    (value) =>
      (suffix === "" || ("metricName" in value && value.metricName === metricName + suffix)) &&
      wanted.every(([key, label]) => value.labels[key] === label),
  );
  return match?.value ?? 0;
}

describe("webhook log lines", () => {
  it("logs one line per Stripe delivery, with its facts and no secret, card or payload", async () => {
    const { purchaseId, orderId, user, metadata } = await pendingStripeOrderScenario();
    const session = checkoutSession({ orderId, metadata, paymentIntent: "pi_logged" });
    // Card data a careless provider might send along: it must not reach the log.
    const customerDetails = { ...session.customer_details, name: CARD_NUMBER };
    Object.assign(session, { card_number: CARD_NUMBER, customer_details: customerDetails });
    const event = stripeEvent("checkout.session.completed", session);
    const signature = stripeSignature(serialiseEvent(event), { secret: WEBHOOK_SECRET });

    const answer = await deliverStripeEvent(event, { signature });

    expect(answer.status).toBe(200);
    expect(lines()).toEqual([
      {
        level: "info",
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        pid: process.pid,
        hostname: expect.any(String),
        msg: "webhook delivery",
        provider: "stripe",
        event_type: "checkout.session.completed",
        event_id: event.id,
        customer_id: "cus_test_buyer",
        user_id: user.id,
        purchase_id: purchaseId,
        duplicate: false,
        outcome: "processed",
        status: 200,
        duration_ms: expect.any(Number),
        request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    ]);
    for (const secret of [
      WEBHOOK_SECRET,
      signature,
      CARD_NUMBER,
      serialiseEvent(event),
      "pi_logged",
    ]) {
      expect(output).not.toContain(secret);
    }
  });

  it("logs a refused offering delivery at warn with its code, the caller's request id, and no secret", async () => {
    const offering = await makeOffering();
    const wrongSecret = "whsec_not_the_offering_secret_at_all";
    const body = {
      status: "succeeded",
      purchase_id: "p_1",
      payment_id: "pay_1",
      card: CARD_NUMBER,
    };

    const refused = { provider: "external", type: "unknown", outcome: "unauthorized" };
    const refusedBefore = await metricValue("webhook_deliveries_total", refused);

    const answer = await postOfferingWebhook(offering.id, body, {
      secret: wrongSecret,
      headers: { "x-request-id": "req-observability-1" },
    });

    expect(answer.status).toBe(401);
    expect(lines()).toEqual([
      expect.objectContaining({
        level: "warn",
        msg: "webhook delivery",
        provider: "external",
        offering_id: offering.id,
        event_type: null,
        event_id: null,
        outcome: "unauthorized",
        error_code: "unauthorized",
        status: 401,
        request_id: "req-observability-1",
      }),
    ]);
    for (const secret of [wrongSecret, offering.webhookSecret, CARD_NUMBER, JSON.stringify(body)]) {
      expect(output).not.toContain(secret);
    }
    expect(await metricValue("webhook_deliveries_total", refused)).toBe(refusedBefore + 1);
    // The seller's own delivery log still records the refusal.
    expect(
      await db.webhookDelivery.count({ where: { offeringId: offering.id, status: 401 } }),
    ).toBe(1);
  });
});

describe("metrics", () => {
  it("count deliveries, their latency, grants, revokes and checkout starts", async () => {
    const delivered = {
      provider: "stripe",
      type: "checkout.session.completed",
      outcome: "processed",
    };
    const before = {
      deliveries: await metricValue("webhook_deliveries_total", delivered),
      latency: await metricValue("webhook_duration_seconds_count", { provider: "stripe" }),
      grants: await metricValue("access_changes_total", { action: "grant" }),
      revokes: await metricValue("access_changes_total", { action: "revoke" }),
      linkStarts: await metricValue("checkout_sessions_started_total", {
        channel: "external_link",
      }),
    };

    const { orderId, metadata } = await pendingStripeOrderScenario();
    await deliverStripeEvent(
      stripeEvent(
        "checkout.session.completed",
        checkoutSession({ orderId, metadata, paymentIntent: "pi_counted" }),
      ),
    );
    const refund = await deliverStripeEvent(
      stripeEvent("charge.refunded", refundedCharge({ paymentIntent: "pi_counted" })),
    );
    expect(refund.status).toBe(200);
    const offering = await makeOffering();
    const buyer = await makeUser();
    await startLinkPurchase({ userId: buyer.id, offeringId: offering.id });

    expect(await metricValue("webhook_deliveries_total", delivered)).toBe(before.deliveries + 1);
    expect(await metricValue("webhook_duration_seconds_count", { provider: "stripe" })).toBe(
      before.latency + 2,
    );
    expect(await metricValue("access_changes_total", { action: "grant" })).toBe(before.grants + 1);
    expect(await metricValue("access_changes_total", { action: "revoke" })).toBe(
      before.revokes + 1,
    );
    expect(await metricValue("checkout_sessions_started_total", { channel: "external_link" })).toBe(
      before.linkStarts + 1,
    );
  });

  it("counts a new embedded Checkout Session once, not the open one handed back again", async () => {
    const embedded = { channel: "stripe_embedded" };
    const before = await metricValue("checkout_sessions_started_total", embedded);
    const { offering } = await embeddedOffering();
    const buyer = await makeUser();

    const first = await startCheckout(buyer.id, offering.id);
    const again = await startCheckout(buyer.id, offering.id);

    expect(again.sessionId).toBe(first.sessionId);
    expect(await metricValue("checkout_sessions_started_total", embedded)).toBe(before + 1);
  });
});

/**
 * Configuration is parsed once per module instance: a case that needs another environment loads
 * the route afresh under it. (The fresh modules' logger writes to stdout, so it is silenced.)
 */
async function freshly<T>(env: Record<string, string | undefined>, load: () => Promise<T>) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.stubEnv("LOG_LEVEL", "silent");
  vi.resetModules();
  return load();
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("GET /api/metrics", () => {
  const TOKEN = "metrics-token-for-tests-0123456789";

  async function scrape(token: string | undefined, authorization?: string) {
    const { GET } = await freshly(
      { METRICS_TOKEN: token },
      () => import("@/app/api/metrics/route"),
    );
    const headers = authorization ? { authorization } : undefined;
    return GET(new Request("http://localhost:3000/api/metrics", { headers }), noParams);
  }

  it("does not exist without METRICS_TOKEN", async () => {
    const response = await scrape(undefined, "Bearer anything-at-all-here");
    expect(response.status).toBe(404);
  });

  it("refuses a missing or wrong token", async () => {
    expect((await scrape(TOKEN)).status).toBe(401);
    const wrong = await scrape(TOKEN, "Bearer metrics-token-for-tests-9876543210");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "unauthorized" });
  });

  it("serves Prometheus text with the right token", async () => {
    await pendingStripeOrderScenario(); // the pool has connections to report
    const response = await scrape(TOKEN, `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const name of [
      "webhook_deliveries_total",
      "webhook_duration_seconds_bucket",
      "checkout_sessions_started_total",
      "access_changes_total",
      "db_pool_connections_open",
      "db_pool_connections_idle",
      "db_pool_requests_waiting",
      "process_cpu_user_seconds_total",
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/^db_pool_connections_open [1-9]/m);
  });
});

describe("GET /api/health", () => {
  const check = async (env: Record<string, string | undefined>) => {
    const { GET } = await freshly(env, () => import("@/app/api/health/route"));
    const response = await GET(new Request("http://localhost:3000/api/health"), noParams);
    return { status: response.status, body: await response.json() };
  };

  it("answers 200 with the database up, and says when the Stripe sandbox stands in", async () => {
    const response = await health(new Request("http://localhost:3000/api/health"), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "up", stripe: "sandbox" });
  });

  it("reports Stripe configured with keys and no sandbox, and not configured without keys", async () => {
    expect(await check({ STRIPE_API_BASE: undefined })).toEqual({
      status: 200,
      body: { status: "ok", database: "up", stripe: "configured" },
    });
    const withoutKeys = {
      STRIPE_API_BASE: undefined,
      STRIPE_SECRET_KEY: undefined,
      STRIPE_WEBHOOK_SECRET: undefined,
    };
    expect(await check(withoutKeys)).toEqual({
      status: 200,
      body: { status: "ok", database: "up", stripe: "not_configured" },
    });
  });
});
