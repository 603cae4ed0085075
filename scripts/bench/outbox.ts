/**
 * Benchmark of the outbox's outgoing webhooks (lib/notifications/) on the app's production server
 * and a real PostgreSQL. Three webhook endpoints, each taking `purchase.completed`, point at three
 * healthy local receivers (webhook-receivers.ts: node http servers that verify every delivery with
 * `standardwebhooks` and record when it arrived); the server runs with
 * OUTGOING_WEBHOOKS_ALLOW_PRIVATE=on to reach them. Each purchase is paid through the Stripe
 * webhook's fast path (a signed `checkout.session.completed`, as in bench:stripe-webhook), whose
 * transaction's triggers write its messages, so each purchase makes 3 deliveries:
 *   phase 1: 1,000 purchases from 50 clients (closed loop) while the server's outbox worker
 *            delivers them as they commit: 3,000 deliveries; deliveries/s from the first purchase
 *            sent to the last delivery received, and the lag from commit to delivery;
 *   phase 2: a backlog: 1,000 purchases paid with the worker off (OUTBOX_WORKER=off), then the
 *            server restarted with it on: how fast it clears 3,000 deliveries (first to last
 *            arrival, on a cold server).
 * The lag runs from the paying transaction to the receiver's reading the body, both on this
 * machine's clock. The transaction's time is the OutboxMessage's createdAt (that transaction's
 * now(), which the body sends as `timestamp`): it began a few milliseconds before it committed,
 * so the lag is counted a little long. A lower bound is printed too: from the Stripe webhook's
 * answer, which comes after the commit.
 *
 * Goals: phase 1 p99 lag < 2 s; in each phase 0 webhook errors and every delivery arriving
 * (within 120 s), verified, once (0 duplicate webhook-ids: at-least-once allows them, healthy
 * receivers should see none). Exits 1 if any fails. A warm-up of 100 purchases, delivered, runs
 * first and is not measured.
 *
 *   npm run bench:outbox                      # builds, then benchmarks
 *   BENCH_SKIP_BUILD=1 npm run bench:outbox   # reuses the production build in .next
 *   BENCH_PHASES=1 …                          # only phase 1
 * Its own database (offerings_bench_outbox) and port (3307); the receivers take free ports;
 * other settings: harness.ts.
 */
import { availableParallelism } from "node:os";
import { prepareDatabase } from "../../tooling/database/prepare-database";
import { makeUser } from "../../tooling/seed/factories";
import { startServer, type RunningServer } from "../../tooling/server/app-server";
import { createEndpoint } from "@/lib/notifications/webhooks/create-endpoint";
import { benchConfig, buildIfNeeded, measureCpu, type BenchConfig } from "./harness";
import { machineBusyMs } from "./process-usage";
import { Goals, printCpu, printSummary, summarize } from "./report";
import {
  checkDeliveries,
  checkLag,
  createPurchases,
  LAG_P99_GOAL_MS,
  sendPurchases,
  type Purchases,
} from "./outbox-purchases";
import { WEBHOOK_SECRET } from "./stripe-orders";
import {
  BENCH_EVENT_TYPE,
  startReceiver,
  tally,
  waitForArrivals,
  type Receiver,
} from "./webhook-receivers";

const PURCHASES = 1_000;
const ENDPOINTS = 3;
const WARM_UP_PURCHASES = 100;
const ARRIVAL_TIMEOUT_MS = 120_000;
const PHASES = new Set((process.env.BENCH_PHASES ?? "1,2").split(",").map((phase) => phase.trim()));

type Bench = { config: BenchConfig; receivers: Receiver[]; goals: Goals };

/** Three receivers, and an endpoint for each taking `purchase.completed`, its secret shared. */
async function startReceivers(): Promise<Receiver[]> {
  const admin = await makeUser({ role: "ADMIN" });
  const receivers: Receiver[] = [];
  for (let index = 0; index < ENDPOINTS; index++) {
    const receiver = await startReceiver();
    const { secret } = await createEndpoint({
      input: {
        url: receiver.url,
        description: `bench receiver ${index + 1}`,
        eventTypes: [BENCH_EVENT_TYPE],
        enabled: true,
      },
      actorId: admin.id,
    });
    receiver.setSecret(secret);
    receivers.push(receiver);
  }
  return receivers;
}

/** Did every delivery of `purchases` arrive, verified, once? */
function checkArrivals(bench: Bench, phase: string, purchases: Purchases) {
  const { first, duplicates, unverified } = tally(bench.receivers, purchases.idSet);
  const expected = ENDPOINTS * purchases.ids.length;
  const { goals } = bench;
  goals.check(
    `${phase} deliveries`,
    first.length === expected,
    `${first.length} (goal ${expected})`,
  );
  goals.check(`${phase} duplicate webhook-ids`, duplicates === 0, `${duplicates} (goal 0)`);
  goals.check(`${phase} not verified`, unverified === 0, `${unverified} (goal 0)`);
  const text = `${first.length} of ${expected} arrived and verified; ${duplicates} duplicate webhook-ids, ${unverified} not verified`;
  console.log(`  deliveries   ${text}`);
  return first;
}

/** Phase 1: purchases paid while the worker delivers; deliveries/s and lag. */
async function runLivePhase(bench: Bench, server: RunningServer, purchases: Purchases) {
  const expected = ENDPOINTS * purchases.ids.length;
  const started = Date.now();
  const { result, cpu } = await measureCpu(bench.config, server, purchases.ids.length, async () => {
    const sent = await sendPurchases(bench.config, purchases);
    await waitForArrivals(bench.receivers, purchases.idSet, ARRIVAL_TIMEOUT_MS);
    return sent;
  });
  const summary = summarize(result.load);
  const title = `${purchases.ids.length} purchases from 50 clients, delivered as they commit to ${ENDPOINTS} endpoints`;
  printSummary(`Phase 1: ${title}`, summary);
  printCpu(cpu);
  console.log("  (cpu per purchase: its Stripe webhook, its dispatch and its 3 deliveries)");
  bench.goals.check("Phase 1 webhook errors", summary.errors === 0, `${summary.errors} (goal 0)`);
  const first = checkArrivals(bench, "Phase 1", purchases);
  const last = Math.max(...first.map((arrival) => arrival.arrivedAt));
  const seconds = (last - started) / 1000;
  const rate = (first.length / seconds).toFixed(1);
  console.log(
    `  throughput   ${rate} deliveries/s (first purchase sent to last delivery, ${seconds.toFixed(1)} s)`,
  );
  checkLag(bench.goals, "Phase 1", first, result.answeredAt, LAG_P99_GOAL_MS);
  await checkDeliveries(bench.goals, "Phase 1", purchases, expected);
}

/** Phase 2: purchases paid with the worker off, then a server with it on clears them. */
async function runBacklogPhase(bench: Bench, purchases: Purchases) {
  const { config } = bench;
  const expected = ENDPOINTS * purchases.ids.length;
  const workerOff = { ...config, env: { ...config.env, OUTBOX_WORKER: "off" } };
  const paying = await startServer(workerOff, "bench-outbox-backlog.log");
  let sent;
  try {
    sent = await sendPurchases(config, purchases);
  } finally {
    await paying.stop();
  }
  const summary = summarize(sent.load);
  printSummary(
    `Phase 2: ${purchases.ids.length} purchases paid with the outbox worker off`,
    summary,
  );
  bench.goals.check("Phase 2 webhook errors", summary.errors === 0, `${summary.errors} (goal 0)`);

  const busyBefore = machineBusyMs();
  const started = Date.now();
  const server = await startServer(config, "bench-outbox-server-2.log");
  try {
    await waitForArrivals(bench.receivers, purchases.idSet, ARRIVAL_TIMEOUT_MS);
  } finally {
    await server.stop();
  }
  const cores = availableParallelism();
  const busy = (100 * (machineBusyMs() - busyBefore)) / ((Date.now() - started) * cores);
  console.log(
    `\nPhase 2: a new server with the worker on clears the backlog of ${expected} deliveries`,
  );
  const first = checkArrivals(bench, "Phase 2", purchases);
  const times = first.map((arrival) => arrival.arrivedAt);
  const [from, to] = [Math.min(...times), Math.max(...times)];
  const rate = (first.length / ((to - from) / 1000)).toFixed(1);
  console.log(
    `  throughput   ${rate} deliveries/s (first to last arrival, ${((to - from) / 1000).toFixed(1)} s; ` +
      `the first ${((from - started) / 1000).toFixed(1)} s after the server was started; machine ${busy.toFixed(0)}% busy)`,
  );
  await checkDeliveries(bench.goals, "Phase 2", purchases, expected);
}

async function main(): Promise<number> {
  process.env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE = "on"; // the endpoints are on 127.0.0.1
  const config = benchConfig({ database: "offerings_bench_outbox", port: "3307" });
  Object.assign(config.env, {
    STRIPE_SECRET_KEY: "sk_test_bench",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  await buildIfNeeded(config);
  await prepareDatabase(config);

  const bench: Bench = { config, receivers: await startReceivers(), goals: new Goals() };
  console.log(`[bench] receivers on ${bench.receivers.map((receiver) => receiver.url).join(", ")}`);
  console.log(
    `[bench] creating ${WARM_UP_PURCHASES} + ${PURCHASES} + ${PURCHASES} pending purchases`,
  );
  const warmUp = await createPurchases("warm-up", WARM_UP_PURCHASES);
  const live = await createPurchases("live", PURCHASES);
  const backlog = PHASES.has("2") ? await createPurchases("backlog", PURCHASES) : null;
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
      if (PHASES.has("1")) await runLivePhase(bench, server, live);
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
