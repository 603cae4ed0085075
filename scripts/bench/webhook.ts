/**
 * Benchmark of the generic offering webhook (POST /webhooks/offerings/{id}) against `next start`
 * on a real PostgreSQL, from 20 concurrent keep-alive clients:
 *   phase 1: 1,000 distinct `succeeded` deliveries, one per pending purchase;
 *   phase 2: 1,000 copies of one more delivery (a provider retrying hard);
 *   phase 3: open loop (tooling/load/open-loop.ts), 3,000 distinct deliveries at 100/s for 30 s on their own
 *            offering, latency counted from when each was due.
 * It prints requests/s, p50/p99 latency, errors (any non-2xx or network error) and server CPU per
 * request per phase, and the purchases SUCCEEDED and GRANT rows counted in the database, which
 * must be exactly one per distinct delivery. Goals, none of them a figure set for another
 * machine: 0 errors, exact counts, p99 < 50 ms at 100/s open loop, phase 1 ≥ 0.5 × what pgbench
 * sustains for the same writes on this machine in this run (pgbench-ceiling.ts); exits 1 if any
 * fails. Server CPU per delivery is reported, and as a multiple of /api/health's (below); the
 * closed phases' p99 is reported, not judged (at 20 clients it measures queueing: 20 ÷ rate). A warm-up of 50 deliveries on a separate offering runs first and is not measured.
 * Then, for reference, 1,000 requests to GET /api/health (one `SELECT 1`) under the same load
 * show what the framework alone costs on this machine: the floor under any webhook figure.
 *
 *   npm run bench:webhook                      # builds, then benchmarks
 *   BENCH_SKIP_BUILD=1 npm run bench:webhook   # reuses the production build in .next
 * Other settings (database, port, pool size): see scripts/bench/harness.ts.
 */
import { createCommunity } from "@/lib/communities/manage-communities";
import { db } from "@/lib/db";
import { createOffering } from "@/lib/offerings/create-offering";
import { offeringInput } from "@/lib/offerings/schemas";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { prepareDatabase } from "../../tooling/database/prepare-database";
import {
  forEachConcurrently,
  runLoad,
  type LoadRequest,
  type LoadResult,
} from "../../tooling/load/run-load";
import { startServer, type RunningServer } from "../../tooling/server/app-server";
import { benchConfig, buildIfNeeded, measureCpu, type BenchConfig } from "./harness";
import { runOpenLoop } from "../../tooling/load/open-loop";
import { measureDatabaseCeiling } from "./pgbench-ceiling";
import { Goals, isError, ms, printCpu, printSummary, summarize, type LoadSummary } from "./report";

const CLIENTS = 20;
const DISTINCT_DELIVERIES = 1_000;
const DUPLICATE_COPIES = 1_000;
const WARM_UP_DELIVERIES = 50;
const PGBENCH_RATIO_GOAL = 0.5;
const OPEN_LOOP = { ratePerSecond: 100, seconds: 30 };
const OPEN_LOOP_DELIVERIES = OPEN_LOOP.ratePerSecond * OPEN_LOOP.seconds;
const OPEN_LOOP_P99_GOAL_MS = 50;
const PRICE = { priceAmount: 1_900, currency: "usd" } as const;

type BenchOffering = { id: string; communityId: string; secret: string; purchaseIds: string[] };

/** An external-link offering granting one community; `buyers` users each hold a pending purchase. */
async function createBenchOffering(label: string, buyers: number): Promise<BenchOffering> {
  const community = await createCommunity({
    input: { name: `${label} community`, description: "", content: "" },
  });
  const offering = await createOffering({
    input: offeringInput.parse({
      name: `${label} offering`,
      communityIds: [community.id],
      ...PRICE,
      pricingType: "ONE_TIME",
      channel: "EXTERNAL_LINK",
      paymentLink: "https://pay.example.test/checkout?purchase={purchase_id}",
    }),
  });
  const userIds = Array.from({ length: buyers }, (_, index) => `bench-${label}-buyer-${index}`);
  await db.user.createMany({ data: userIds.map((id) => ({ id, email: `${id}@example.test` })) });

  const purchaseIds = new Array<string>(buyers);
  await forEachConcurrently(buyers, 8, async (index) => {
    const started = await startLinkPurchase({ userId: userIds[index], offeringId: offering.id });
    if (started.hasAccess) throw new Error(`${userIds[index]} unexpectedly has access already`);
    purchaseIds[index] = started.purchaseId;
  });
  return {
    id: offering.id,
    communityId: community.id,
    secret: offering.webhookSecret,
    purchaseIds,
  };
}

/** The delivery a provider sends when a payment for the purchase succeeded. */
function successDelivery(offering: BenchOffering, purchaseId: string): LoadRequest {
  return {
    path: `/webhooks/offerings/${offering.id}`,
    headers: { "content-type": "application/json", "x-offering-secret": offering.secret },
    body: JSON.stringify({
      status: "succeeded",
      purchase_id: purchaseId,
      payment_id: `pay_${purchaseId}`,
      amount: PRICE.priceAmount,
      currency: PRICE.currency,
    }),
  };
}

async function countEffects(offering: BenchOffering) {
  const [succeeded, grants] = await Promise.all([
    db.purchase.count({ where: { offeringId: offering.id, status: "SUCCEEDED" } }),
    db.accessEvent.count({ where: { communityId: offering.communityId, action: "GRANT" } }),
  ]);
  return { succeeded, grants };
}

/** Responses that applied the event rather than reporting an earlier delivery of it. */
function firstDeliveries({ samples }: LoadResult): number {
  return samples.filter((sample) => {
    if (sample.status !== 200) return false;
    const parsed = JSON.parse(sample.body) as { duplicate?: unknown };
    return parsed.duplicate === false;
  }).length;
}

type Phase = {
  name: string;
  title: string;
  requests: LoadRequest[];
  offering: BenchOffering;
  expectedEffects: number;
  /** Open loop at this rate; closed loop with CLIENTS clients when absent. */
  ratePerSecond?: number;
};
type Run = { config: BenchConfig; server: RunningServer; goals: Goals; healthCpuMs: number };

/** Sends the phase's requests, then checks errors, database effects and p99 against the goals. */
async function runPhase({ config, server, goals, healthCpuMs }: Run, phase: Phase) {
  const { requests, expectedEffects: expected, ratePerSecond } = phase;
  const { baseUrl } = config;
  const request = (index: number) => requests[index];
  const { result, cpu } = await measureCpu(
    config,
    server,
    requests.length,
    (): Promise<LoadResult> =>
      ratePerSecond
        ? runOpenLoop({ baseUrl, ratePerSecond, total: requests.length, request })
        : runLoad({ baseUrl, total: requests.length, concurrency: CLIENTS, request }),
  );
  const summary = summarize(result);
  const { succeeded, grants } = await countEffects(phase.offering);
  const load = ratePerSecond ? `open loop at ${ratePerSecond} deliveries/s` : `${CLIENTS} clients`;
  printSummary(`${phase.name}: ${phase.title}, ${load}`, summary);
  printCpu(cpu);
  console.log(
    `  vs health    ${(cpu.server / healthCpuMs).toFixed(2)} × GET /api/health's server CPU`,
  );
  console.log(`  applied      ${firstDeliveries(result)} responses with duplicate: false`);
  console.log(`  database     ${succeeded} purchases SUCCEEDED, ${grants} GRANT rows`);
  const failed = result.samples.find(isError);
  if (failed) {
    console.log(`  first error  ${failed.status || "network"}: ${failed.body.slice(0, 300)}`);
  }

  goals.check(`${phase.name} errors`, summary.errors === 0, `${summary.errors} (goal 0)`);
  goals.check(
    `${phase.name} grants`,
    succeeded === expected && grants === expected,
    `${succeeded} purchases SUCCEEDED, ${grants} GRANT rows (goal exactly ${expected} each)`,
  );
  if (ratePerSecond) {
    goals.check(
      `${phase.name} p99`,
      summary.p99Ms < OPEN_LOOP_P99_GOAL_MS,
      `${ms(summary.p99Ms)} at ${ratePerSecond}/s (goal < ${ms(OPEN_LOOP_P99_GOAL_MS)})`,
    );
  }
  return summary;
}

async function main(): Promise<number> {
  const config = benchConfig();
  await buildIfNeeded(config);
  await prepareDatabase(config);

  const purchases = `${WARM_UP_DELIVERIES} + ${DISTINCT_DELIVERIES + 1}`;
  console.log(`[bench] creating ${purchases} pending purchases`);
  const warmUp = await createBenchOffering("warm-up", WARM_UP_DELIVERIES);
  const bench = await createBenchOffering("measured", DISTINCT_DELIVERIES + 1);
  console.log(`[bench] creating ${OPEN_LOOP_DELIVERIES} pending purchases for the open loop`);
  const steady = await createBenchOffering("open-loop", OPEN_LOOP_DELIVERIES);

  const server = await startServer(config);
  const run: Run = { config, server, goals: new Goals(), healthCpuMs: Number.NaN };
  let phase1: LoadSummary;
  try {
    // Compiles and JIT-warms the route on other purchases, so phase 1's p99 is not start-up.
    const warmed = await runLoad({
      baseUrl: config.baseUrl,
      total: WARM_UP_DELIVERIES,
      concurrency: CLIENTS,
      request: (index) => successDelivery(warmUp, warmUp.purchaseIds[index]),
    });
    const warmErrors = warmed.samples.filter(isError).length;
    console.log(`[bench] warm-up: ${WARM_UP_DELIVERIES} deliveries, ${warmErrors} errors`);

    const { result: health, cpu: healthCpu } = await measureCpu(config, server, 1_000, () =>
      runLoad({
        baseUrl: config.baseUrl,
        total: 1_000,
        concurrency: CLIENTS,
        request: () => ({ path: "/api/health", method: "GET" }),
      }),
    );
    printSummary(
      `Reference: GET /api/health (one SELECT 1), ${CLIENTS} clients`,
      summarize(health),
    );
    printCpu(healthCpu);
    run.healthCpuMs = healthCpu.server;

    const distinct = bench.purchaseIds.slice(0, DISTINCT_DELIVERIES);
    phase1 = await runPhase(run, {
      name: "Phase 1",
      title: `${DISTINCT_DELIVERIES} distinct deliveries`,
      requests: distinct.map((purchaseId) => successDelivery(bench, purchaseId)),
      offering: bench,
      expectedEffects: DISTINCT_DELIVERIES,
    });
    const copy = successDelivery(bench, bench.purchaseIds[DISTINCT_DELIVERIES]);
    await runPhase(run, {
      name: "Phase 2",
      title: `${DUPLICATE_COPIES} copies of one delivery`,
      requests: Array.from({ length: DUPLICATE_COPIES }, () => copy),
      offering: bench,
      expectedEffects: DISTINCT_DELIVERIES + 1,
    });
    await runPhase(run, {
      name: "Phase 3",
      title: `${OPEN_LOOP_DELIVERIES} distinct deliveries over ${OPEN_LOOP.seconds} s`,
      requests: steady.purchaseIds.map((purchaseId) => successDelivery(steady, purchaseId)),
      offering: steady,
      expectedEffects: OPEN_LOOP_DELIVERIES,
      ratePerSecond: OPEN_LOOP.ratePerSecond,
    });
  } finally {
    await server.stop();
  }
  await measureDatabaseCeiling(config.databaseUrl, run.goals, {
    label: "Phase 1",
    eventsPerSecond: phase1.requestsPerSecond,
    ratioGoal: PGBENCH_RATIO_GOAL,
  });
  return run.goals.report();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    process.exit(1);
  },
);
