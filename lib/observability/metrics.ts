/**
 * Prometheus metrics (prom-client), served by GET /api/metrics. The registry lives on globalThis
 * so that development reloads, and route modules Next loads separately, count into one registry
 * per process. Figures are per process: with several app instances, Prometheus scrapes each and
 * sums them.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { databasePoolStats } from "@/lib/db";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const webhookDeliveries = new Counter({
    name: "webhook_deliveries_total",
    help: "Webhook deliveries answered, by provider, event type and outcome (an error code when refused).",
    labelNames: ["provider", "type", "outcome"] as const,
    registers,
  });
  const webhookDuration = new Histogram({
    name: "webhook_duration_seconds",
    help: "Time from receiving a webhook delivery to answering it.",
    labelNames: ["provider"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const checkoutSessionsStarted = new Counter({
    name: "checkout_sessions_started_total",
    help: "Checkouts started: new Stripe Checkout Sessions, and pending purchases sent to a payment link.",
    labelNames: ["channel"] as const,
    registers,
  });
  const accessChanges = new Counter({
    name: "access_changes_total",
    help: "Community memberships granted, extended, shortened or revoked (rows written; a rolled-back transaction still counts).",
    labelNames: ["action"] as const,
    registers,
  });

  const pool = (
    name: string,
    help: string,
    read: (stats: NonNullable<ReturnType<typeof databasePoolStats>>) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const stats = databasePoolStats();
        if (stats) this.set(read(stats));
      },
    });
  pool(
    "db_pool_connections_open",
    "Open connections in the database pool.",
    (stats) => stats.total,
  );
  pool("db_pool_connections_idle", "Idle connections in the database pool.", (stats) => stats.idle);
  pool(
    "db_pool_requests_waiting",
    "Queries waiting for a pooled connection.",
    (stats) => stats.waiting,
  );
  pool("db_pool_connections_max", "Size of the database pool.", (stats) => stats.max);

  return { registry, webhookDeliveries, webhookDuration, checkoutSessionsStarted, accessChanges };
}

type Metrics = ReturnType<typeof createMetrics>;
const globalForMetrics = globalThis as unknown as { appMetrics?: Metrics };

export const metrics: Metrics = (globalForMetrics.appMetrics ??= createMetrics());

/** The access trail's actions; the label is the lower-case name ("grant", "extend", …). */
export type AccessChange = "GRANT" | "EXTEND" | "SHORTEN" | "REVOKE";

export function countAccessChanges(action: AccessChange, rows: number): void {
  if (rows > 0) metrics.accessChanges.inc({ action: action.toLowerCase() }, rows);
}

/** A checkout started on an offering's channel (STRIPE_EMBEDDED → "stripe_embedded", …). */
export function countCheckoutStarted(channel: string): void {
  metrics.checkoutSessionsStarted.inc({ channel: channel.toLowerCase() });
}
