/**
 * Benchmark of the outbox's outgoing webhooks (lib/notifications/) on the app's production server
 * and a real PostgreSQL. Three webhook endpoints, each taking `purchase.completed`, point at three
 * healthy local receivers (webhook-receivers.ts: node http servers that verify every delivery with
 * `standardwebhooks` and record when it arrived); the server runs with
 * OUTGOING_WEBHOOKS_ALLOW_PRIVATE=on to reach them. Each purchase is paid through the Stripe
 * webhook's fast path (a signed `checkout.session.completed`, as in bench:stripe-webhook), whose
 * transaction's triggers write its messages, so each purchase makes 3 deliveries:
 *   phase 1: a burst: 1,000 purchases from 50 clients (closed loop, as fast as the webhook takes
 *            them) while the server's outbox worker delivers them: 3,000 deliveries;
 *   phase 2: steady: 1,000 purchases at 50/s (open loop, 20 s), 150 deliveries/s;
 *   phase 3: a backlog: 1,000 purchases paid with the worker off (OUTBOX_WORKER=off), then the
 *            server restarted with it on: how fast it clears 3,000 deliveries (first to last
 *            arrival, on a cold server).
 * Phases 1 and 2 report deliveries/s (first purchase sent to last delivery received) and the lag
 * from commit to delivery, both on this machine's clock: from the paying transaction's time (the
 * OutboxMessage's createdAt, that transaction's now(), sent as the body's `timestamp`; it began a
 * few milliseconds before it committed, so the lag is counted a little long) to the receiver's
 * reading the body. A lower bound too: from the Stripe webhook's answer, sent after the commit.
 *
 * Goals: p99 lag < 2 s in phases 1 and 2; in every phase 0 webhook errors and every delivery
 * arriving (within 120 s), verified, once (0 duplicate webhook-ids: at-least-once allows them,
 * healthy receivers should see none). Exits 1 if any fails. A warm-up of 100 purchases, delivered,
 * runs first and is not measured.
 *
 *   npm run bench:outbox                      # builds, then benchmarks
 *   BENCH_SKIP_BUILD=1 npm run bench:outbox   # reuses the production build in .next
 *   BENCH_PHASES=1,3 …                        # only these phases
 *   BENCH_OUTBOX_RATE=80 …                    # phase 2's purchases per second (50)
 * Its own database (offerings_bench_outbox) and port (3307); the receivers take free ports;
 * other settings: harness.ts.
 */
import { availableParallelism } from "node:os";
import { prepareDatabase } from "../../tooling/database/prepare-database";
import { startServer, type RunningServer } from "../../tooling/server/app-server";
import { benchConfig, buildIfNeeded, measureCpu, type BenchConfig } from "./harness";
import { machineBusyMs } from "./process-usage";
import { Goals, printCpu, printSummary, summarize } from "./report";
import {
  checkDeliveries,
  checkLag,
  CLIENTS,
  createPurchases,
  sendPurchases,
  type Purchases,
} from "./outbox-purchases";
import { WEBHOOK_SECRET } from "./stripe-orders";
import { startReceivers, tally, waitForArrivals, type Receiver } from "./webhook-receivers";

const PURCHASES = 1_000;
const ENDPOINTS = 3;
const WARM_UP_PURCHASES = 100;
const STEADY_RATE = Number(process.env.BENCH_OUTBOX_RATE ?? 50);
const LAG_P99_GOAL_MS = 2_000;
const ARRIVAL_TIMEOUT_MS = 120_000;
const PHASES = new Set(
  (process.env.BENCH_PHASES ?? "1,2,3").split(",").map((phase) => phase.trim()),
);

type Bench = { config: BenchConfig; receivers: Receiver[]; goals: Goals };

/** Did every delivery of `purchases` arrive, verified, once? Returns the first arrivals. */
function checkArrivals({ receivers, goals }: Bench, phase: string, purchases: Purchases) {
  const { first, duplicates, unverified } = tally(receivers, purchases.idSet);
  const expected = ENDPOINTS * purchases.ids.length;
  const arrived = `${first.length} (goal ${expected})`;
  goals.check(`${phase} deliveries`, first.length === expected, arrived);
  goals.check(`${phase} duplicate webhook-ids`, duplicates === 0, `${duplicates} (goal 0)`);
  goals.check(`${phase} not verified`, unverified === 0, `${unverified} (goal 0)`);
  console.log(
    `  deliveries   ${first.length} of ${expected} arrived and verified; ` +
      `${duplicates} duplicate webhook-ids, ${unverified} not verified`,
  );
  return first;
}

/** Phases 1 and 2: purchases paid while the worker delivers them; deliveries/s and lag. */
async function runLivePhase(
  bench: Bench,
  server: RunningServer,
  phase: { name: string; purchases: Purchases; ratePerSecond?: number },
) {
  const { name, purchases, ratePerSecond } = phase;
  const started = Date.now();
  const { result, cpu } = await measureCpu(bench.config, server, purchases.ids.length, async () => {
    const sent = await sendPurchases(bench.config, purchases, ratePerSecond);
    await waitForArrivals(bench.receivers, purchases.idSet, ARRIVAL_TIMEOUT_MS);
    return sent;
  });
  const summary = summarize(result.load);
  const load = ratePerSecond ? `at ${ratePerSecond}/s (open loop)` : `from ${CLIENTS} clients`;
  const title = `${purchases.ids.length} purchases ${load}, delivered as they commit to ${ENDPOINTS} endpoints`;
  printSummary(`${name}: ${title}`, summary);
  printCpu(cpu);
  console.log("               (per purchase: its Stripe webhook, its dispatch, its 3 deliveries)");
  bench.goals.check(`${name} webhook errors`, summary.errors === 0, `${summary.errors} (goal 0)`);
  const first = checkArrivals(bench, name, purchases);
  const seconds = (Math.max(...first.map((arrival) => arrival.arrivedAt)) - started) / 1000;
  console.log(
    `  throughput   ${(first.length / seconds).toFixed(1)} deliveries/s ` +
      `(first purchase sent to last delivery, ${seconds.toFixed(1)} s)`,
  );
  checkLag(bench.goals, name, first, result.answeredAt, LAG_P99_GOAL_MS);
  await checkDeliveries(bench.goals, name, purchases, ENDPOINTS * purchases.ids.length);
}

/** Phase 3: purchases paid with the worker off, then a server with it on clears them. */
async function runBacklogPhase(bench: Bench, purchases: Purchases) {
  const { config } = bench;
  const expected = ENDPOINTS * purchases.ids.length;
  const workerOff = { ...config, env: { ...config.env, OUTBOX_WORKER: "off" } };
  const paying = await startServer(workerOff, "bench-outbox-backlog.log");
  const sent = await sendPurchases(config, purchases).finally(() => paying.stop());
  const summary = summarize(sent.load);
  printSummary(
    `Phase 3: ${purchases.ids.length} purchases paid with the outbox worker off`,
    summary,
  );
  bench.goals.check("Phase 3 webhook errors", summary.errors === 0, `${summary.errors} (goal 0)`);

  const busyBefore = machineBusyMs();
  const started = Date.now();
  const server = await startServer(config, "bench-outbox-server-2.log");
  await waitForArrivals(bench.receivers, purchases.idSet, ARRIVAL_TIMEOUT_MS).finally(() =>
    server.stop(),
  );
  const busy = (machineBusyMs() - busyBefore) / ((Date.now() - started) * availableParallelism());
  console.log(
    `\nPhase 3: a server with the worker on clears the backlog of ${expected} deliveries`,
  );
  const first = checkArrivals(bench, "Phase 3", purchases);
  const times = first.map((arrival) => arrival.arrivedAt);
  const [from, to] = [Math.min(...times), Math.max(...times)];
  console.log(
    `  throughput   ${(first.length / ((to - from) / 1000)).toFixed(1)} deliveries/s ` +
      `(first to last arrival, ${((to - from) / 1000).toFixed(1)} s, the first ` +
      `${((from - started) / 1000).toFixed(1)} s after the server was started; ` +
      `machine ${(100 * busy).toFixed(0)}% busy)`,
  );
  await checkDeliveries(bench.goals, "Phase 3", purchases, expected);
}

async function main(): Promise<number> {
  process.env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE = "on"; // the receivers are on 127.0.0.1
  const config = benchConfig({ database: "offerings_bench_outbox", port: "3307" });
  Object.assign(config.env, {
    STRIPE_SECRET_KEY: "sk_test_bench",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  await buildIfNeeded(config);
  await prepareDatabase(config);

  const bench: Bench = { config, receivers: await startReceivers(ENDPOINTS), goals: new Goals() };
  console.log(`[bench] receivers on ${bench.receivers.map((receiver) => receiver.url).join(", ")}`);
  const measured = ["1", "2", "3"].filter((phase) => PHASES.has(phase)).length;
  console.log(
    `[bench] creating ${WARM_UP_PURCHASES} + ${measured} × ${PURCHASES} pending purchases`,
  );
  const warmUp = await createPurchases("warm-up", WARM_UP_PURCHASES);
  const burst = PHASES.has("1") ? await createPurchases("burst", PURCHASES) : null;
  const steady = PHASES.has("2") ? await createPurchases("steady", PURCHASES) : null;
  const backlog = PHASES.has("3") ? await createPurchases("backlog", PURCHASES) : null;
  try {
    const server = await startServer(config, "bench-outbox-server.log");
    try {
      // Compiles and JIT-warms the webhook and the delivery path on other purchases.
      const warmed = await sendPurchases(config, warmUp);
      const arrived = await waitForArrivals(bench.receivers, warmUp.idSet, ARRIVAL_TIMEOUT_MS);
      const errors = summarize(warmed.load).errors;
      console.log(
        `[bench] warm-up: ${WARM_UP_PURCHASES} purchases, ${errors} errors, ${arrived} deliveries`,
      );
      if (burst) await runLivePhase(bench, server, { name: "Phase 1", purchases: burst });
      if (steady) {
        const phase = { name: "Phase 2", purchases: steady, ratePerSecond: STEADY_RATE };
        await runLivePhase(bench, server, phase);
      }
    } finally {
      await server.stop();
    }
    if (backlog) await runBacklogPhase(bench, backlog);
  } finally {
    await Promise.all(bench.receivers.map((receiver) => receiver.close()));
  }
  return bench.goals.report();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    process.exit(1);
  },
);
