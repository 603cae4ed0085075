/**
 * Two app instances on one database, as behind a load balancer: three streams of signed Stripe
 * deliveries, interleaved and sent alternately to both, 32 at a time:
 *   - 1,000 distinct `checkout.session.completed` events, one per pending order;
 *   - 1,000 copies of one more such event (Stripe retrying hard, hitting both instances at once);
 *   - 500 subscription renewals, each `customer.subscription.updated` + `invoice.paid`.
 * Exactly once must hold across instances: every delivery answered 200, one SUCCEEDED purchase
 * and one GRANT per paid order, one renewal order and one EXTEND per invoice, one ProcessedEvent
 * per event id. The instances run the production build on a database of their own
 * (`<e2e database>_scale_out`), on E2E_PORT + 1 and + 2.
 */
import { expect, test } from "@playwright/test";
import { runLoad, type Sample } from "../../tooling/load/run-load";
import { signedStripeDelivery } from "../../tooling/stripe";
import {
  extraInstancePort,
  newSharedSecrets,
  startAppInstance,
  type AppInstance,
} from "../helpers/app-instance";
import {
  prepareWebhookLoadFixture,
  type WebhookLoadFixture,
} from "../helpers/webhook-load-fixture";
import { e2eSideDatabaseUrl, queryDatabase } from "./database";

const DISTINCT_EVENTS = 1_000;
const DUPLICATE_COPIES = 1_000;
const SUBSCRIBERS = 500;
const CONCURRENCY = 32;

type Stream = "distinct" | "copy" | "renewal";
type Delivery = { stream: Stream; payload: string };

/** One delivery from each stream in turn while any is left: distinct, copy, renewal, distinct, … */
function interleave(fixture: WebhookLoadFixture): Delivery[] {
  const copy = fixture.completions[DISTINCT_EVENTS];
  const streams: Delivery[][] = [
    fixture.completions
      .slice(0, DISTINCT_EVENTS)
      .map((payload) => ({ stream: "distinct", payload })),
    Array.from({ length: DUPLICATE_COPIES }, () => ({ stream: "copy", payload: copy })),
    fixture.renewals.map((payload) => ({ stream: "renewal", payload })),
  ];
  const longest = Math.max(...streams.map((stream) => stream.length));
  return Array.from({ length: longest }, (_, index) =>
    streams.flatMap((stream) => stream[index] ?? []),
  ).flat();
}

/** How many samples answered each status, e.g. `{ "200": 3000 }`. */
function statusCounts(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of samples) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

test("two instances on one database apply 1,000 distinct events, 1,000 copies and 500 renewals exactly once", async () => {
  test.setTimeout(240_000);
  const databaseUrl = e2eSideDatabaseUrl("scale_out");
  const query = <Row>(sql: string, values: unknown[] = []) =>
    queryDatabase<Row>(databaseUrl, sql, values);
  const secrets = newSharedSecrets();
  const fixture = await prepareWebhookLoadFixture({
    databaseUrl,
    secrets,
    orders: DISTINCT_EVENTS + 1,
    subscribers: SUBSCRIBERS,
  });
  const { subscribers } = fixture;
  if (!subscribers) throw new Error("the fixture made no subscriptions");

  const instances: AppInstance[] = await Promise.all(
    [1, 2].map((offset) =>
      startAppInstance({
        port: extraInstancePort(offset),
        databaseUrl,
        secrets,
        logName: `e2e-scale-out-${offset}.log`,
      }),
    ),
  );
  try {
    const deliveries = interleave(fixture);
    // Request i goes to instance i % 2, so each stream alternates between the two as well.
    const { samples } = await runLoad({
      baseUrl: instances[0].url,
      total: deliveries.length,
      concurrency: CONCURRENCY,
      request: (index) => ({
        ...signedStripeDelivery(deliveries[index].payload, secrets.webhookSecret),
        baseUrl: instances[index % 2].url,
      }),
    });

    // What Stripe sees: every delivery acknowledged, on both instances; no 5xx, no retry asked.
    expect(statusCounts(samples)).toEqual({ "200": deliveries.length });
    const perInstance = [0, 1].map((n) => samples.filter((_, index) => index % 2 === n).length);
    expect(perInstance).toEqual([deliveries.length / 2, deliveries.length / 2]);
    const appliedCopies = samples.filter(
      (sample, index) =>
        deliveries[index].stream === "copy" && JSON.parse(sample.body).duplicate === false,
    );
    expect(appliedCopies, "one copy applied, 999 reported as duplicates").toHaveLength(1);

    // One-time payments: each of the 1,001 orders paid once, one purchase and one GRANT each.
    const paidOrders = DISTINCT_EVENTS + 1;
    const [purchases] = await query<{ succeeded: number; other: number }>(
      `SELECT count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded,
              count(*) FILTER (WHERE status <> 'SUCCEEDED')::int AS other
       FROM "Purchase" WHERE "offeringId" = $1`,
      [fixture.offering.id],
    );
    expect(purchases).toEqual({ succeeded: paidOrders, other: 0 });
    const [orders] = await query<{ paid: number }>(
      `SELECT count(*) FILTER (WHERE status = 'PAID')::int AS paid FROM "Order" WHERE "offeringId" = $1`,
      [fixture.offering.id],
    );
    expect(orders.paid).toBe(paidOrders);
    const [grants] = await query<{ purchases: number; rows: number; most: number }>(
      `SELECT count(DISTINCT "purchaseId")::int AS purchases, count(*)::int AS rows,
              coalesce(max(per), 0)::int AS most
       FROM (SELECT "purchaseId", count(*) OVER (PARTITION BY "purchaseId") AS per
             FROM "AccessEvent" WHERE "communityId" = $1 AND action = 'GRANT') AS g`,
      [fixture.offering.communityId],
    );
    expect(grants).toEqual({ purchases: paidOrders, rows: paidOrders, most: 1 });

    // Renewals: one order per invoice and one EXTEND per subscription, whichever instance won.
    const [renewals] = await query<{ orders: number; invoices: number; extends: number }>(
      `SELECT (SELECT count(*)::int FROM "Order"
                WHERE "offeringId" = $1 AND "providerInvoiceId" NOT LIKE 'in_first_%') AS orders,
              (SELECT count(DISTINCT "providerInvoiceId")::int FROM "Order"
                WHERE "offeringId" = $1 AND "providerInvoiceId" NOT LIKE 'in_first_%') AS invoices,
              (SELECT count(*)::int FROM "AccessEvent"
                WHERE action = 'EXTEND' AND "purchaseId" = ANY($2)) AS extends`,
      [subscribers.offeringId, subscribers.ids],
    );
    expect(renewals).toEqual({ orders: SUBSCRIBERS, invoices: SUBSCRIBERS, extends: SUBSCRIBERS });

    // The inbox: one row per distinct event id (1,000 + 1 + 2 × 500), every one applied.
    const events = await query<{ outcome: string; count: number }>(
      `SELECT outcome, count(*)::int AS count FROM "ProcessedEvent"
       WHERE provider = 'stripe' GROUP BY outcome`,
    );
    expect(events).toEqual([
      { outcome: "PROCESSED", count: DISTINCT_EVENTS + 1 + 2 * SUBSCRIBERS },
    ]);

    for (const instance of instances) expect(instance.alive()).toBe(true);
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
  }
});
