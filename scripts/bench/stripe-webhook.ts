/**
 * Benchmark of the Stripe webhook (POST /api/webhooks/stripe) against `next start` on a real
 * PostgreSQL, from 50 concurrent keep-alive clients posting `checkout.session.completed` events,
 * each signed just before it is sent (Stripe's tolerance is 300 s):
 *   phase 1: 1,000 distinct events, one per pending Stripe order;
 *   phase 2: 1,000 copies of one more event (Stripe retrying hard);
 *   phase 3: the subscription mix, 500 renewals = 1,000 events (`customer.subscription.updated`
 *            + `invoice.paid`, see subscription-mix.ts), exactly one order and EXTEND each.
 * Then, with the server stopped, pgbench runs scripts/bench/pgbench-fulfilment.sql on the same
 * database (the same writes in one transaction, without the app) from 50 clients for 10 s: what
 * the database alone sustains. Goals: phase 1 events/s ≥ 0.5 × pgbench transactions/s; per phase
 * p99 < 100 ms, 0 errors and exactly-once effects (purchases SUCCEEDED and GRANT rows: 1,000
 * after phase 1, 1,001 after phase 2). Exits 1 if any fails. A warm-up of 100 events on another
 * offering runs first and is not measured.
 *
 *   npm run bench:stripe-webhook                      # builds, then benchmarks
 *   BENCH_SKIP_BUILD=1 npm run bench:stripe-webhook   # reuses the production build in .next
 * Its own database (offerings_bench_stripe) and port (3301); other settings: harness.ts.
 */
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import {
  completedEvent,
  createPendingStripeOrders,
  type StripeOffering,
} from "../../tests/helpers/pending-stripe-orders";
import { signedStripeDelivery } from "../../tests/helpers/stripe-delivery";
import {
  benchConfig,
  buildIfNeeded,
  measureCpu,
  prepareDatabase,
  runLoad,
  startServer,
  type BenchConfig,
  type BenchRequest,
  type RunningServer,
} from "./harness";
import { PGBENCH, preparePgbenchRows, runPgbench } from "./pgbench-ceiling";
import {
  countRenewals,
  prepareSubscribers,
  renewalEvents,
  type Subscribers,
} from "./subscription-mix";
import { Goals, isError, ms, printCpu, printSummary, summarize, type LoadSummary } from "./report";

const CLIENTS = 50;
const DISTINCT_EVENTS = 1_000;
const DUPLICATE_COPIES = 1_000;
const WARM_UP_EVENTS = 100;
const SUBSCRIBERS = 500;
const P99_GOAL_MS = 100;
const RATIO_GOAL = 0.5;
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64url")}`;

/** Called by the load runner right before it sends: signed then, as each Stripe attempt is. */
function signedDelivery(payload: string): BenchRequest {
  return signedStripeDelivery(payload, WEBHOOK_SECRET);
}

async function countEffects(offering: Pick<StripeOffering, "id" | "communityId">) {
  const [succeeded, grants] = await Promise.all([
    db.purchase.count({ where: { offeringId: offering.id, status: "SUCCEEDED" } }),
    db.accessEvent.count({ where: { communityId: offering.communityId, action: "GRANT" } }),
  ]);
  return { succeeded, grants };
}

type Effects = { ok: boolean; text: string };
type Phase = { name: string; title: string; payloads: string[]; effects: () => Promise<Effects> };
type Run = { config: BenchConfig; server: RunningServer; goals: Goals };

/** Purchases SUCCEEDED and GRANT rows: `expected` of each when every payment applied once. */
function grantedExactly(offering: StripeOffering, expected: number) {
  return async (): Promise<Effects> => {
    const { succeeded, grants } = await countEffects(offering);
    const text = `${succeeded} purchases SUCCEEDED, ${grants} GRANT rows (goal exactly ${expected} each)`;
    return { ok: succeeded === expected && grants === expected, text };
  };
}

function renewedExactly(subscribers: Subscribers) {
  return async (): Promise<Effects> => {
    const { orders, extensions } = await countRenewals(subscribers);
    const expected = subscribers.ids.length;
    const text = `${orders} renewal orders, ${extensions} EXTEND rows (goal exactly ${expected} each)`;
    return { ok: orders === expected && extensions === expected, text };
  };
}

/** Sends the phase's events, then checks errors, database effects and p99 against the goals. */
async function runPhase({ config, server, goals }: Run, phase: Phase) {
  const { payloads } = phase;
  const { result, cpu } = await measureCpu(config, server, payloads.length, () =>
    runLoad({
      baseUrl: config.baseUrl,
      total: payloads.length,
      concurrency: CLIENTS,
      request: (index) => signedDelivery(payloads[index]),
    }),
  );
  const summary = summarize(result);
  const effects = await phase.effects();
  const applied = result.samples.filter((sample) => /"duplicate":\s*false/.test(sample.body));
  printSummary(`${phase.name}: ${phase.title}, ${CLIENTS} clients`, summary);
  printCpu(cpu);
  console.log(`  applied      ${applied.length} responses with duplicate: false`);
  console.log(`  database     ${effects.text}`);
  const failed = result.samples.find(isError);
  if (failed) {
    console.log(`  first error  ${failed.status || "network"}: ${failed.body.slice(0, 300)}`);
  }

  goals.check(`${phase.name} errors`, summary.errors === 0, `${summary.errors} (goal 0)`);
  goals.check(`${phase.name} exactly once`, effects.ok, effects.text);
  const p99 = `${ms(summary.p99Ms)} (goal < ${ms(P99_GOAL_MS)})`;
  goals.check(`${phase.name} p99`, summary.p99Ms < P99_GOAL_MS, p99);
  return summary;
}

/** pgbench's figure, valid only when every transaction it counted made the writes. */
async function measureDatabaseCeiling(config: BenchConfig, goals: Goals, phase1: LoadSummary) {
  console.log(
    `\npgbench: ${PGBENCH.rows} pending orders prepared, ${CLIENTS} clients, ${PGBENCH.seconds} s`,
  );
  const offering = await preparePgbenchRows(PGBENCH.rows);
  const payload = JSON.stringify(JSON.parse(completedEvent(offering, "pgbench-order-1")));
  const pgbench = await runPgbench(config.databaseUrl, payload);
  const { succeeded, grants } = await countEffects(offering);
  console.log(`  database     ${succeeded} pgbench purchases SUCCEEDED, ${grants} GRANT rows`);
  const applied = `${succeeded} of ${pgbench.transactions}`;
  const valid =
    pgbench.exitCode === 0 &&
    pgbench.failed === 0 &&
    succeeded === pgbench.transactions &&
    grants === pgbench.transactions;

  const ratio = phase1.requestsPerSecond / pgbench.tps;
  const figures = `${phase1.requestsPerSecond.toFixed(1)} events/s / ${pgbench.tps.toFixed(1)} tps`;
  console.log(`\nRatio: phase 1 ${figures} = ${ratio.toFixed(3)}`);
  const detail = valid
    ? `${ratio.toFixed(3)} = ${figures} (goal ≥ ${RATIO_GOAL})`
    : `pgbench not valid: exit ${pgbench.exitCode}, ${pgbench.failed} failed, ${applied} applied`;
  goals.check("events/s vs pgbench", valid && ratio >= RATIO_GOAL, detail);
}

async function main(): Promise<number> {
  const config = benchConfig({ database: "offerings_bench_stripe", port: "3301" });
  Object.assign(config.env, {
    STRIPE_SECRET_KEY: "sk_test_bench",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  await buildIfNeeded(config);
  await prepareDatabase(config);

  console.log(`[bench] creating ${WARM_UP_EVENTS} + ${DISTINCT_EVENTS + 1} pending Stripe orders`);
  const warmUp = await createPendingStripeOrders("warm-up", WARM_UP_EVENTS);
  const bench = await createPendingStripeOrders("measured", DISTINCT_EVENTS + 1);
  const events = bench.orderIds.map((orderId) => completedEvent(bench, orderId));
  const warmUpEvents = warmUp.orderIds.map((orderId) => completedEvent(warmUp, orderId));

  console.log(`[bench] creating ${SUBSCRIBERS} live subscriptions`);
  const subscribers = await prepareSubscribers(SUBSCRIBERS);
  const renewals = renewalEvents(subscribers);

  const server = await startServer(config, "bench-stripe-server.log");
  const run: Run = { config, server, goals: new Goals() };
  let phase1: LoadSummary;
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

    phase1 = await runPhase(run, {
      name: "Phase 1",
      title: `${DISTINCT_EVENTS} distinct events`,
      payloads: events.slice(0, DISTINCT_EVENTS),
      effects: grantedExactly(bench, DISTINCT_EVENTS),
    });
    await runPhase(run, {
      name: "Phase 2",
      title: `${DUPLICATE_COPIES} copies of one event`,
      payloads: Array.from({ length: DUPLICATE_COPIES }, () => events[DISTINCT_EVENTS]),
      effects: grantedExactly(bench, DISTINCT_EVENTS + 1),
    });
    await runPhase(run, {
      name: "Phase 3",
      title: `subscription mix: ${SUBSCRIBERS} × (customer.subscription.updated + invoice.paid)`,
      payloads: renewals,
      effects: renewedExactly(subscribers),
    });
  } finally {
    await server.stop();
  }
  await measureDatabaseCeiling(config, run.goals, phase1);
  return run.goals.report();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    process.exit(1);
  },
);
