/**
 * bench:outbox's purchases and what it checks of them: pending Stripe orders paid through the
 * Stripe webhook's fast path (stripe-orders.ts), when each payment was answered, the lag of each
 * delivery, and the deliveries as the database recorded them.
 */
import { db } from "@/lib/db";
import { runOpenLoop } from "../../tooling/load/open-loop";
import { runLoad, type LoadResult } from "../../tooling/load/run-load";
import type { BenchConfig } from "./harness";
import { Goals, ms, percentile } from "./report";
import {
  completedEvent,
  createPendingStripeOrders,
  signedDelivery,
  type StripeOffering,
} from "./stripe-orders";
import { BENCH_EVENT_TYPE, type Arrival } from "./webhook-receivers";

export const CLIENTS = 50;

export type Purchases = {
  offering: StripeOffering;
  /** The purchase of each order, in the offering's order: ids[i] is paid by orderIds[i]. */
  ids: string[];
  idSet: ReadonlySet<string>;
};

export async function createPurchases(label: string, buyers: number): Promise<Purchases> {
  const offering = await createPendingStripeOrders(label, buyers);
  const orders = await db.order.findMany({
    where: { id: { in: offering.orderIds } },
    select: { id: true, purchaseId: true },
  });
  const purchaseOf = new Map(orders.map((order) => [order.id, order.purchaseId]));
  const ids = offering.orderIds.map((orderId) => purchaseOf.get(orderId) ?? "");
  return { offering, ids, idSet: new Set(ids) };
}

/**
 * Pays every purchase with its signed `checkout.session.completed`: from 50 clients, each sending
 * its next payment once the last is answered, or at `ratePerSecond` whatever the answers do.
 * Returns the load and when each payment was answered (after its transaction committed).
 */
export async function sendPurchases(
  config: BenchConfig,
  { offering, ids }: Purchases,
  ratePerSecond?: number,
): Promise<{ load: LoadResult; answeredAt: Map<string, number> }> {
  const payloads = offering.orderIds.map((orderId) => completedEvent(offering, orderId));
  // Called when each is sent (when it was due, in the open loop, which counts latency from then).
  const sentAt = new Array<number>(payloads.length);
  const request = (index: number) => {
    sentAt[index] = Date.now();
    return signedDelivery(payloads[index]);
  };
  const { baseUrl } = config;
  const total = payloads.length;
  const load = ratePerSecond
    ? await runOpenLoop({ baseUrl, total, ratePerSecond, request })
    : await runLoad({ baseUrl, total, concurrency: CLIENTS, request });
  const answeredAt = new Map(
    ids.map((id, index) => [id, sentAt[index] + load.samples[index].latencyMs] as const),
  );
  return { load, answeredAt };
}

function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const [p50, p99, max] = [50, 99, 100].map((p) => percentile(sorted, p));
  return { p50, p99, max, text: `p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}` };
}

/** The lag of each first arrival from its commit, and from its payment's answer (a lower bound). */
export function checkLag(
  goals: Goals,
  phase: string,
  arrivals: Arrival[],
  answeredAt: Map<string, number>,
  p99GoalMs: number,
) {
  const fromCommit = spread(arrivals.map((arrival) => arrival.arrivedAt - arrival.committedAt));
  const fromAnswer = spread(
    arrivals.map((arrival) => arrival.arrivedAt - (answeredAt.get(arrival.purchaseId ?? "") ?? 0)),
  );
  console.log(`  lag          from commit (message createdAt): ${fromCommit.text}`);
  console.log(`               from the webhook's answer:        ${fromAnswer.text}`);
  goals.check(
    `${phase} p99 lag from commit to delivery`,
    fromCommit.p99 < p99GoalMs,
    `${ms(fromCommit.p99)} (goal < ${ms(p99GoalMs)})`,
  );
}

/** The deliveries the database holds for the purchases' messages: all DELIVERED, at attempt 1. */
export async function checkDeliveries(
  goals: Goals,
  phase: string,
  { ids }: Purchases,
  expected: number,
) {
  const [row] = await db.$queryRaw<{ total: number; delivered: number; retried: number }[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE d.status = 'DELIVERED')::int AS delivered,
           count(*) FILTER (WHERE d.attempts > 1)::int AS retried
    FROM "OutboxDelivery" d JOIN "OutboxMessage" m ON m.id = d."messageId"
    WHERE m.type = ${BENCH_EVENT_TYPE} AND m.subject->>'purchaseId' = ANY(${ids}::text[])`;
  const text = `${row.delivered} of ${row.total} deliveries DELIVERED (goal ${expected}), ${row.retried} after more than one attempt`;
  console.log(`  outbox       ${text}`);
  goals.check(`${phase} deliveries recorded`, row.delivered === expected, text);
}
