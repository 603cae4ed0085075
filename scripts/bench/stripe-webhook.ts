/**
 * Benchmark of the Stripe webhook (POST /api/webhooks/stripe) against `next start` on a real
 * PostgreSQL, posting `checkout.session.completed` events each signed just before it is sent
 * (Stripe's tolerance is 300 s). Closed loop, 50 keep-alive clients each sending its next event
 * once the last is answered:
 *   phase 1: 1,000 distinct events, one per pending Stripe order, with the outbox (its triggers
 *            write each payment's messages, the server's worker dispatches them), and 1,000 more
 *            with the outbox's triggers disabled, in alternating halves: the outbox's cost
 *            (goal: at most 10 % more server CPU per event; outbox-comparison.ts);
 *   phase 2: 1,000 copies of one more event (Stripe retrying hard);
 *   phase 3: the subscription mix, 500 renewals = 1,000 events (`customer.subscription.updated`
 *            + `invoice.paid`, see tooling/seed/live-subscriptions.ts), exactly one order and EXTEND each.
 * Open loop (tooling/load/open-loop.ts), events due at a fixed rate whatever the answers do:
 *   phase 4: 3,000 distinct events at 100 events/s for 30 s; latency counted from when each was due.
 * For comparison, in the same run (phase 5): the naive handler sellers compare us with
 * (scripts/bench/naive-webhook: verify, one UPDATE, nothing else) on its own `next start`, given
 * phase 1's load after its own warm-up.
 * Then, with the server stopped, pgbench runs scripts/bench/pgbench-fulfilment.sql on the same
 * database (the same writes in one transaction, without the app) from 50 clients for 10 s: what
 * the database alone sustains.
 *
 * Goals: server CPU per event ≤ 2.5 ms for distinct events (phases 1 and 4) and ≤ 1.5 ms for
 * copies (phase 2); phase 1 events/s ≥ 0.5 × pgbench transactions/s; p99 < 100 ms in the closed
 * phases and < 50 ms at 100 events/s; 0 errors and exactly-once effects in every phase
 * (purchases SUCCEEDED and GRANT rows: 1,000 after phase 1, 1,001 after phase 2, and 3,000 on
 * phase 4's own offering). Exits 1 if any fails. A warm-up of 100 events on another offering runs first and is
 * not measured. Server CPU is the `next start` process group's, from /proc (harness.ts).
 *
 *   npm run bench:stripe-webhook                      # builds, then benchmarks
 *   BENCH_SKIP_BUILD=1 npm run bench:stripe-webhook   # reuses the production build in .next
 *   BENCH_PHASES=1,2,4 …                              # only these phases (pgbench needs 1)
 * Its own database (offerings_bench_stripe) and port (3301); other settings: harness.ts.
 */
import { prepareDatabase } from "../../tooling/database/prepare-database";
import { runLoad, type LoadResult } from "../../tooling/load/run-load";
import { startServer, type RunningServer } from "../../tooling/server/app-server";
import { benchConfig, buildIfNeeded, measureCpu, type BenchConfig } from "./harness";
import { runOpenLoop } from "../../tooling/load/open-loop";
import { measureDatabaseCeiling } from "./pgbench-ceiling";
import { runOutboxComparison } from "./outbox-comparison";
import { Goals, isError, ms, printCpu, printSummary, summarize, type LoadSummary } from "./report";
import {
  completedEvent,
  createPendingStripeOrders,
  grantedExactly,
  paidExactly,
  signedDelivery,
  WEBHOOK_SECRET,
  type Effects,
} from "./stripe-orders";
import {
  countRenewals,
  prepareSubscribers,
  renewalEvents,
  type Subscribers,
} from "../../tooling/seed/live-subscriptions";

const CLIENTS = 50;
const DISTINCT_EVENTS = 1_000;
const DUPLICATE_COPIES = 1_000;
const WARM_UP_EVENTS = 100;
const SUBSCRIBERS = 500;
const OPEN_LOOP = { ratePerSecond: 100, seconds: 30 };
const OPEN_LOOP_EVENTS = OPEN_LOOP.ratePerSecond * OPEN_LOOP.seconds;
const P99_GOAL_MS = 100;
const OPEN_LOOP_P99_GOAL_MS = 50;
const NAIVE_APP = "scripts/bench/naive-webhook";
const PHASES = new Set(
  (process.env.BENCH_PHASES ?? "1,2,3,4,5").split(",").map((phase) => phase.trim()),
);

type Phase = {
  name: string;
  title: string;
  payloads: string[];
  effects: () => Promise<Effects>;
  /** Open loop at this rate; closed loop with CLIENTS clients when absent. */
  ratePerSecond?: number;
  cpuGoalMs?: number;
};
type Run = { config: BenchConfig; server: RunningServer; goals: Goals };
type PhaseSummary = LoadSummary & { serverCpuMs: number };

function renewedExactly(subscribers: Subscribers) {
  return async (): Promise<Effects> => {
    const { orders, extensions } = await countRenewals(subscribers);
    const expected = subscribers.ids.length;
    const text = `${orders} renewal orders, ${extensions} EXTEND rows (goal exactly ${expected} each)`;
    return { ok: orders === expected && extensions === expected, text };
  };
}

/** Sends the phase's events, then checks errors, CPU, database effects and p99 against the goals. */
async function runPhase({ config, server, goals }: Run, phase: Phase) {
  const { payloads } = phase;
  const send = (index: number) => signedDelivery(payloads[index]);
  const { result, cpu } = await measureCpu(
    config,
    server,
    payloads.length,
    (): Promise<LoadResult> =>
      phase.ratePerSecond
        ? runOpenLoop({
            baseUrl: config.baseUrl,
            ratePerSecond: phase.ratePerSecond,
            total: payloads.length,
            request: send,
          })
        : runLoad({
            baseUrl: config.baseUrl,
            total: payloads.length,
            concurrency: CLIENTS,
            request: send,
          }),
  );
  const summary = summarize(result);
  const effects = await phase.effects();
  const applied = result.samples.filter((sample) => /"duplicate":\s*false/.test(sample.body));
  const load = phase.ratePerSecond
    ? `open loop at ${phase.ratePerSecond} events/s`
    : `${CLIENTS} clients`;
  printSummary(`${phase.name}: ${phase.title}, ${load}`, summary);
  printCpu(cpu);
  console.log(`  applied      ${applied.length} responses with duplicate: false`);
  console.log(`  database     ${effects.text}`);
  const failed = result.samples.find(isError);
  if (failed) {
    console.log(`  first error  ${failed.status || "network"}: ${failed.body.slice(0, 300)}`);
  }

  goals.check(`${phase.name} errors`, summary.errors === 0, `${summary.errors} (goal 0)`);
  goals.check(`${phase.name} exactly once`, effects.ok, effects.text);
  const p99Goal = phase.ratePerSecond ? OPEN_LOOP_P99_GOAL_MS : P99_GOAL_MS;
  goals.check(
    `${phase.name} p99`,
    summary.p99Ms < p99Goal,
    `${ms(summary.p99Ms)} (goal < ${ms(p99Goal)})`,
  );
  if (phase.cpuGoalMs !== undefined) {
    const detail = `${ms(cpu.server)} (goal ≤ ${ms(phase.cpuGoalMs)})`;
    goals.check(`${phase.name} server CPU per event`, cpu.server <= phase.cpuGoalMs, detail);
  }
  return { ...summary, serverCpuMs: cpu.server };
}

async function main(): Promise<number> {
  const config = benchConfig({ database: "offerings_bench_stripe", port: "3301" });
  Object.assign(config.env, {
    STRIPE_SECRET_KEY: "sk_test_bench",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  await buildIfNeeded(config);
  if (PHASES.has("5")) await buildIfNeeded(config, NAIVE_APP);
  await prepareDatabase(config);

  console.log(
    `[bench] creating ${WARM_UP_EVENTS} + ${DISTINCT_EVENTS + 1} + ${OPEN_LOOP_EVENTS} pending Stripe orders`,
  );
  const warmUp = await createPendingStripeOrders("warm-up", WARM_UP_EVENTS);
  const bench = await createPendingStripeOrders("measured", DISTINCT_EVENTS + 1);
  const events = bench.orderIds.map((orderId) => completedEvent(bench, orderId));
  const warmUpEvents = warmUp.orderIds.map((orderId) => completedEvent(warmUp, orderId));
  const withoutOutbox = PHASES.has("1")
    ? await createPendingStripeOrders("outbox-off", DISTINCT_EVENTS)
    : null;
  const steady = PHASES.has("4")
    ? await createPendingStripeOrders("open-loop", OPEN_LOOP_EVENTS)
    : null;

  console.log(`[bench] creating ${SUBSCRIBERS} live subscriptions`);
  const subscribers = await prepareSubscribers(SUBSCRIBERS);
  const renewals = renewalEvents(subscribers);

  const server = await startServer(config, "bench-stripe-server.log");
  const run: Run = { config, server, goals: new Goals() };
  let phase1: PhaseSummary | undefined;
  try {
    // Compiles and JIT-warms the route on other orders, so phase 1's p99 is not start-up.
    const warmed = await runLoad({
      baseUrl: config.baseUrl,
      total: WARM_UP_EVENTS,
      concurrency: CLIENTS,
      request: (index) => signedDelivery(warmUpEvents[index]),
    });
    const warmErrors = warmed.samples.filter(isError).length;
    console.log(`[bench] warm-up: ${WARM_UP_EVENTS} events, ${warmErrors} errors`);

    if (withoutOutbox) {
      const compared = await runOutboxComparison(config, server, run.goals, {
        on: {
          payloads: events.slice(0, DISTINCT_EVENTS),
          effects: grantedExactly(bench, DISTINCT_EVENTS),
        },
        off: {
          payloads: withoutOutbox.orderIds.map((orderId) => completedEvent(withoutOutbox, orderId)),
          effects: grantedExactly(withoutOutbox, DISTINCT_EVENTS),
        },
      });
      phase1 = compared.on;
    }
    if (PHASES.has("2")) {
      await runPhase(run, {
        name: "Phase 2",
        title: `${DUPLICATE_COPIES} copies of one event`,
        payloads: Array.from({ length: DUPLICATE_COPIES }, () => events[DISTINCT_EVENTS]),
        effects: grantedExactly(bench, (phase1 ? DISTINCT_EVENTS : 0) + 1),
        cpuGoalMs: 1.5,
      });
    }
    if (PHASES.has("3")) {
      await runPhase(run, {
        name: "Phase 3",
        title: `subscription mix: ${SUBSCRIBERS} × (customer.subscription.updated + invoice.paid)`,
        payloads: renewals,
        effects: renewedExactly(subscribers),
      });
    }
    if (steady) {
      await runPhase(run, {
        name: "Phase 4",
        title: `${OPEN_LOOP_EVENTS} distinct events over ${OPEN_LOOP.seconds} s`,
        payloads: steady.orderIds.map((orderId) => completedEvent(steady, orderId)),
        effects: grantedExactly(steady, OPEN_LOOP_EVENTS),
        ratePerSecond: OPEN_LOOP.ratePerSecond,
        cpuGoalMs: 2.5,
      });
    }
  } finally {
    await server.stop();
  }
  if (PHASES.has("5")) await runNaivePhase(config, run.goals, phase1);
  if (phase1) await measureDatabaseCeiling(config.databaseUrl, run.goals, phase1);
  return run.goals.report();
}

/** Phase 5: the naive handler on the same database and port, warmed up, then phase 1's load. */
async function runNaivePhase(config: BenchConfig, goals: Goals, phase1: PhaseSummary | undefined) {
  const orders = await createPendingStripeOrders("naive", WARM_UP_EVENTS + DISTINCT_EVENTS);
  const payloads = orders.orderIds.map((orderId) => completedEvent(orders, orderId));
  const server = await startServer(config, "bench-stripe-naive.log", NAIVE_APP);
  try {
    await runLoad({
      baseUrl: config.baseUrl,
      total: WARM_UP_EVENTS,
      concurrency: CLIENTS,
      request: (index) => signedDelivery(payloads[index]),
    });
    const naive = await runPhase(
      { config, server, goals },
      {
        name: "Phase 5",
        title: `the naive handler (${NAIVE_APP}), ${DISTINCT_EVENTS} distinct events`,
        payloads: payloads.slice(WARM_UP_EVENTS),
        effects: paidExactly(orders, WARM_UP_EVENTS + DISTINCT_EVENTS),
      },
    );
    if (phase1) {
      const rate = (summary: LoadSummary) => summary.requestsPerSecond.toFixed(1);
      const cpu = (phase1.serverCpuMs / naive.serverCpuMs).toFixed(2);
      console.log(
        `  phase 1      ${rate(phase1)} events/s against ${rate(naive)}; server CPU per event ${cpu}× the naive handler's`,
      );
    }
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    process.exit(1);
  },
);
