/**
 * bench:stripe-webhook's phase 5 set up: fresh rows for each side and round (pending orders for
 * ours and the naive handler, saas-starter teams for the peer), the naive app (naive handler and
 * peer-shaped route, scripts/bench/naive-webhook) started beside our server on its own port
 * (BENCH_NAIVE_PORT, 3311) and warmed up; then handler-comparison.ts alternates them.
 */
import { runLoad } from "../../tooling/load/run-load";
import { startServer, type RunningServer } from "../../tooling/server/app-server";
import type { BenchConfig } from "./harness";
import { compareHandlers, ROUNDS, type Side, type SideRun } from "./handler-comparison";
import { drained } from "./outbox-comparison";
import { createPeerTeams, subscriptionUpdatedEvent, teamsUpdatedExactly } from "./peer-teams";
import { isError, type Goals } from "./report";
import {
  completedEvent,
  createPendingStripeOrders,
  grantedExactly,
  paidExactly,
  signedDelivery,
} from "./stripe-orders";

const CLIENTS = 50;

type Comparison = {
  config: BenchConfig;
  server: RunningServer;
  goals: Goals;
  warmUpEvents: number;
  distinctEvents: number;
};

/** `rounds` sets of `count` fresh pending orders and the events paying them, checked with `effects`. */
async function orderRuns(label: string, count: number, effects: typeof grantedExactly) {
  const runs: SideRun[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const orders = await createPendingStripeOrders(`${label}-${round}`, count);
    const payloads = orders.orderIds.map((orderId) => completedEvent(orders, orderId));
    runs.push({ payloads, effects: effects(orders, count) });
  }
  return runs;
}

/**
 * Phase 5: the naive app (naive handler and peer-shaped route) started beside our running server,
 * on its own port, warmed up on both routes; then ours, naive and peer alternated. Returns our
 * median events/s.
 */
export async function runHandlerComparison(
  {
    config,
    server,
    goals,
    warmUpEvents: WARM_UP_EVENTS,
    distinctEvents: DISTINCT_EVENTS,
  }: Comparison,
  naiveApp: string,
): Promise<number> {
  console.log(`\n[bench] phase 5: creating ${ROUNDS} × ${DISTINCT_EVENTS} events for each side`);
  const oursRuns = await orderRuns("ours", DISTINCT_EVENTS, grantedExactly);
  const naiveRuns = await orderRuns("naive", DISTINCT_EVENTS, paidExactly);
  const peerRuns: SideRun[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const teams = await createPeerTeams(`peer${round}`, DISTINCT_EVENTS);
    const payloads = teams.customerIds.map((customer) => subscriptionUpdatedEvent(teams, customer));
    peerRuns.push({ payloads, effects: teamsUpdatedExactly(teams, DISTINCT_EVENTS) });
  }
  const naiveWarmUp = await createPendingStripeOrders("naive-warm-up", WARM_UP_EVENTS);
  const peerWarmUp = await createPeerTeams("peerwarm", WARM_UP_EVENTS);

  const naiveConfig = {
    ...config,
    baseUrl: `http://127.0.0.1:${process.env.BENCH_NAIVE_PORT ?? 3311}`,
  };
  const naive = await startServer(naiveConfig, "bench-stripe-naive.log", naiveApp);
  try {
    const warmUps = [
      ...naiveWarmUp.orderIds.map((orderId) => completedEvent(naiveWarmUp, orderId)),
      ...peerWarmUp.customerIds.map((customer) => subscriptionUpdatedEvent(peerWarmUp, customer)),
    ];
    const warmed = await runLoad({
      baseUrl: naiveConfig.baseUrl,
      total: warmUps.length,
      concurrency: CLIENTS,
      request: (index) => ({
        ...signedDelivery(warmUps[index]),
        path: index < WARM_UP_EVENTS ? "/api/webhooks/stripe" : "/api/stripe/webhook",
      }),
    });
    console.log(
      `[bench] naive app warm-up: ${warmUps.length} events, ${warmed.samples.filter(isError).length} errors`,
    );
    const peerPath = (run: SideRun): SideRun => ({ ...run, path: "/api/stripe/webhook" });
    const sides: Side[] = [
      {
        name: "ours",
        server,
        baseUrl: config.baseUrl,
        runs: oursRuns,
        settle: () => drained(config.databaseUrl),
      },
      { name: "naive", server: naive, baseUrl: naiveConfig.baseUrl, runs: naiveRuns },
      { name: "peer", server: naive, baseUrl: naiveConfig.baseUrl, runs: peerRuns.map(peerPath) },
    ];
    const medians = await compareHandlers(config, goals, sides);
    return medians.ours.eventsPerSecond;
  } finally {
    await naive.stop();
  }
}
