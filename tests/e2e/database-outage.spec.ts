/**
 * The database goes away under load. An app instance reaches PostgreSQL through a TCP proxy the
 * test can cut (the machine's PostgreSQL is never touched); a Stripe sandbox started here, with
 * Stripe's retry schedule scaled down to seconds, delivers to it. 100 buyers pay at 50 a second;
 * halfway through, every database connection is reset and refused for 10 s. Then:
 *   - every delivery attempt was answered 2xx or 503, never anything else, never a dropped
 *     connection, and an event acknowledged with a 2xx was stored with its effects;
 *   - once the database is back, Stripe's retries bring 100 of 100 applied, exactly once;
 *   - the instance is the same process as before, and healthy.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { startStripeSandbox, type DeliveryAttempt } from "@offerings/stripe-sandbox";
import { forEachConcurrently } from "../../tooling/load/run-load";
import { serialiseEvent, signedStripeDelivery, stripeEvent } from "../../tooling/stripe";
import { extraInstancePort, newSharedSecrets, startAppInstance } from "../helpers/app-instance";
import { submitEmbeddedCheckout } from "@offerings/stripe-sandbox/testing";
import { startTcpProxy } from "../helpers/tcp-proxy";
import { prepareWebhookLoadFixture } from "../helpers/webhook-load-fixture";
import { e2eSideDatabaseUrl, queryDatabase } from "./database";

const PAYMENTS = 100;
const PAYMENT_INTERVAL_MS = 20; // 50 a second
const CUT_AFTER_PAYMENTS = 50;
const OUTAGE_MS = 10_000;
// Retries 90 ms, 0.54 s, 3.2 s and 14 s after the first attempt: an event first refused at the
// very start of the outage is tried again 4 s after it ends.
const RETRY_SCALE = 0.0015;

/** Posts one signed event to the instance's Stripe webhook; resolves to the status. */
async function deliver(baseUrl: string, payload: string, secret: string) {
  const { path, headers, body } = signedStripeDelivery(payload, secret);
  const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers, body });
  await response.arrayBuffer();
  return response.status;
}

const delivered = (attempt: DeliveryAttempt) =>
  attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;

test("a 10 s database outage under load: 503 or a stored 2xx for every delivery, then 100 of 100 applied once", async () => {
  test.setTimeout(180_000);
  const databaseUrl = e2eSideDatabaseUrl("outage");
  const query = <Row>(sql: string, values: unknown[] = []) =>
    queryDatabase<Row>(databaseUrl, sql, values);
  const secrets = newSharedSecrets();
  const { offering } = await prepareWebhookLoadFixture({ databaseUrl, secrets, orders: PAYMENTS });

  const direct = new URL(databaseUrl);
  const proxy = await startTcpProxy({
    target: { host: direct.hostname, port: Number(direct.port || 5432) },
    port: Number(process.env.E2E_PROXY_PORT ?? 0),
  });
  const throughProxy = new URL(databaseUrl);
  throughProxy.hostname = proxy.host;
  throughProxy.port = String(proxy.port);

  const port = extraInstancePort(3);
  const sandbox = await startStripeSandbox({
    port: 0,
    webhookSecret: secrets.webhookSecret,
    webhookUrl: `http://127.0.0.1:${port}/api/webhooks/stripe`,
    retryScale: RETRY_SCALE,
    enabledEvents: ["checkout.session.completed"],
  });
  const instance = await startAppInstance({
    port,
    databaseUrl: throughProxy.toString(),
    secrets,
    stripeApiBase: sandbox.url,
    logName: "e2e-database-outage.log",
  });
  try {
    // Each order's embedded Checkout Session, made as checkout makes it (the order's id as
    // client_reference_id, the offering's price), on the sandbox.
    const stripe = new Stripe("sk_test_outage", { ...sandbox.sdkOptions });
    const sessions = new Array<Stripe.Checkout.Session>(PAYMENTS);
    await forEachConcurrently(PAYMENTS, 8, async (index) => {
      const orderId = offering.orderIds[index];
      sessions[index] = await stripe.checkout.sessions.create({
        mode: "payment",
        ui_mode: "embedded_page",
        return_url: `${instance.url}/offerings/${offering.id}/checkout/return?session_id={CHECKOUT_SESSION_ID}`,
        client_reference_id: orderId,
        metadata: { orderId, offeringId: offering.id },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: offering.currency,
              unit_amount: offering.priceAmount,
              product_data: { name: "Outage offering" },
            },
          },
        ],
      });
    });

    // A few ignored events first, so that the route is loaded and the pool has connections
    // before the measured payments: a cold first request takes longer than the run-up to the cut.
    const warmUps = Array.from({ length: 5 }, (_, index) =>
      serialiseEvent(stripeEvent("warm_up.ping", {}, { id: `evt_warm_up_${index}` })),
    );
    const warmedUp = await Promise.all(
      warmUps.map((payload) => deliver(instance.url, payload, secrets.webhookSecret)),
    );
    expect(warmedUp).toEqual(warmUps.map(() => 200));

    // 100 buyers pay at 50 a second; the database is cut after the 50th.
    const started = Date.now();
    let cutAt = 0;
    const payments: Promise<{ status: number }>[] = [];
    for (let index = 0; index < PAYMENTS; index++) {
      await sleep(Math.max(0, started + index * PAYMENT_INTERVAL_MS - Date.now()));
      if (index === CUT_AFTER_PAYMENTS) {
        await proxy.cut();
        cutAt = Date.now();
      }
      const card = { cardNumber: "4242 4242 4242 4242" };
      payments.push(submitEmbeddedCheckout(sandbox.url, sessions[index], card));
    }
    const paid = await Promise.all(payments);
    expect(paid.map(({ status }) => status)).toEqual(Array(PAYMENTS).fill(200));

    // Near the end of the outage, while the app still cannot reach its database (this test
    // reads it directly): every event acknowledged so far is stored, with its purchase paid.
    await sleep(Math.max(0, cutAt + OUTAGE_MS - 1_500 - Date.now()));
    const duringOutage = sandbox.deliveries;
    const acknowledged = [...new Set(duringOutage.filter(delivered).map((a) => a.eventId))];
    expect(acknowledged.length, "events acknowledged before the cut").toBeGreaterThan(0);
    const stored = await query<{ eventId: string; outcome: string; status: string | null }>(
      `SELECT e."providerEventId" AS "eventId", e.outcome, p.status
       FROM "ProcessedEvent" e LEFT JOIN "Purchase" p ON p.id = e."purchaseId"
       WHERE e.provider = 'stripe' AND e."providerEventId" = ANY($1)`,
      [acknowledged],
    );
    expect(
      stored.filter((row) => row.outcome === "PROCESSED" && row.status === "SUCCEEDED"),
    ).toHaveLength(acknowledged.length);
    // …and the outage was seen: deliveries during the cut were refused.
    const refused = duringOutage.filter((attempt) => attempt.statusCode === 503);
    expect(refused.length, "deliveries refused with 503 during the cut").toBeGreaterThan(0);

    await sleep(Math.max(0, cutAt + OUTAGE_MS - Date.now()));
    await proxy.restore();

    // After the outage, Stripe's retries deliver every event: 100 of 100 acknowledged.
    const deliveredEvents = () =>
      new Set(sandbox.deliveries.filter(delivered).map((attempt) => attempt.eventId)).size;
    await expect.poll(deliveredEvents, { timeout: 60_000 }).toBe(PAYMENTS);

    // Every attempt, before, during and after: 2xx or 503, nothing else (no 500, no dropped
    // connection); and each event acknowledged exactly once (Stripe stops at the first 2xx).
    const attempts = sandbox.deliveries;
    const answers = attempts.map((attempt) =>
      delivered(attempt) ? "2xx" : String(attempt.statusCode ?? attempt.error),
    );
    expect([...new Set(answers)].sort()).toEqual(["2xx", "503"]);
    expect(attempts.filter(delivered)).toHaveLength(PAYMENTS);

    // Exactly once in the database: 100 SUCCEEDED purchases, 100 GRANT rows (one each), 100
    // paid orders, one ProcessedEvent per event.
    const [effects] = await query<Record<string, number>>(
      `SELECT
         (SELECT count(*)::int FROM "Purchase"
           WHERE "offeringId" = $1 AND status = 'SUCCEEDED') AS succeeded,
         (SELECT count(*)::int FROM "Order" WHERE "offeringId" = $1 AND status = 'PAID') AS paid,
         (SELECT count(*)::int FROM "AccessEvent"
           WHERE "communityId" = $2 AND action = 'GRANT') AS grants,
         (SELECT count(DISTINCT "purchaseId")::int FROM "AccessEvent"
           WHERE "communityId" = $2 AND action = 'GRANT') AS "grantedPurchases",
         (SELECT count(*)::int FROM "ProcessedEvent" WHERE provider = 'stripe'
           AND type = 'checkout.session.completed' AND outcome = 'PROCESSED') AS events,
         (SELECT count(*)::int FROM "ProcessedEvent" WHERE provider = 'stripe'
           AND type = 'checkout.session.completed') AS "allEvents"`,
      [offering.id, offering.communityId],
    );
    expect(effects).toEqual({
      succeeded: PAYMENTS,
      paid: PAYMENTS,
      grants: PAYMENTS,
      grantedPurchases: PAYMENTS,
      events: PAYMENTS,
      allEvents: PAYMENTS,
    });

    // The same process came through it, and answers with its database back.
    expect(instance.alive()).toBe(true);
    const health = await fetch(`${instance.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "up" });
  } finally {
    await instance.stop();
    await sandbox.close();
    await proxy.close();
  }
});
