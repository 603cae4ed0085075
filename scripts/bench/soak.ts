/**
 * `npm run bench:soak`: does the app stay up under steady mixed traffic? `next start` on a real
 * PostgreSQL, its Stripe calls going to the local Stripe sandbox (run in this process), gets a
 * fixed 50 requests/s (SOAK_RATE), open loop (each started on schedule whatever the answers
 * do), for SOAK_SECONDS (600) after a warm-up of SOAK_WARMUP_SECONDS (60) whose first half
 * ramps up from 5 requests/s. Of every 50 requests (one second at the default rate):
 *   20 × GET /offerings, signed out (the cached catalog of 50 offerings)
 *    5 × GET /offerings/<id>, signed out (rendered per request)
 *   10 × POST /api/checkout/sessions, a new signed-in buyer each, on one of five Stripe Embedded
 *        one-time offerings (a pending order and a sandbox Checkout Session each)
 *   10 × a signed `checkout.session.completed` paying a pending order: the checkouts answered
 *        two seconds earlier, else (at the very start) a reserve of seeded pending orders
 *    5 × one of those events again (a Stripe retry), which must change nothing
 * Every 30 s a line: requests, errors, p50/p99 per kind, the scheduler's lag, the server's RSS
 * (summed over its process group), its CPU per request, how busy the whole machine was, and
 * heap and database pool from /api/metrics. At the end: RSS after warm-up against the end, p99
 * per window, CPU per request, exactly-once effects in the database. Goals: RSS growth < 10 %
 * (of the floor, the lowest of the readings taken every 2 s, from the first minute after warm-up
 * to the last: see soak-windows.ts; the single readings are reported beside it), 0 errors (non-2xx, a timeout after 30 s, or not the expected answer), the last full window's
 * p99 ≤ 1.5 × the first's (the worst window's p99 is reported, not judged: it follows the machine's
 * other work), the schedule kept (lag p99 < 50 ms: else the client was measured, not the app),
 * every applied payment PAID, SUCCEEDED and granted exactly once. Exits 1 if any fails. This
 * is a benchmark, not part of `npm test`.
 *
 *   npm run bench:soak                                        # builds, then soaks 10 minutes
 *   BENCH_SKIP_BUILD=1 SOAK_SECONDS=60 npm run bench:soak     # a short run on the last build
 * Its own database (offerings_bench_soak), port (3370) and sandbox port (BENCH_SANDBOX_PORT,
 * 3371); other settings: harness.ts.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import Stripe from "stripe";
import { startStripeSandbox } from "@offerings/stripe-sandbox";
import { prepareDatabase } from "../../tooling/database/prepare-database";
import { startServer } from "../../tooling/server/app-server";
import { benchConfig, buildIfNeeded, measureCpu } from "./harness";
import { mebibytes, processGroupUsage } from "./process-usage";
import { Goals, ms, printCpu } from "./report";
import {
  CATALOG_OFFERINGS,
  countSoakEffects,
  mintSessionCookies,
  seedBuyers,
  seedCatalog,
  seedReserveOrders,
  type SoakCatalog,
} from "./soak-seed";
import { KINDS, MIX, MIX_SIZE, SoakTraffic, type SoakSample } from "./soak-traffic";
import { runOpenLoop, Schedule } from "./soak-schedule";
import {
  printWindowTable,
  readServerMetrics,
  WINDOW_SECONDS,
  WindowRecorder,
  type WindowStats,
} from "./soak-windows";

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 50);
const WARM_UP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 60);
const RESERVE_ORDERS = 300;
const RSS_GROWTH_GOAL = 0.1;
const P99_DRIFT_GOAL = 1.5;
const LAG_GOAL_MS = 50;
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64url")}`;
const METRICS_TOKEN = randomBytes(24).toString("base64url");

/** The whole catalog page with every offering. */
function isFullCatalog(html: string): boolean {
  const cards = html.split('data-testid="offering-card"').length - 1;
  return cards === CATALOG_OFFERINGS && html.trimEnd().endsWith("</html>");
}

/** Waits for the catalog to show this run's offerings (a reused .next may cache another's). */
async function waitForCatalog(baseUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const response = await fetch(`${baseUrl}/offerings`);
    if (isFullCatalog(await response.text())) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`/offerings never showed the ${CATALOG_OFFERINGS} seeded offerings`);
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/** Closes a window every WINDOW_SECONDS until `finished` (the caller closes the last, partial one). */
async function recordWindows(recorder: WindowRecorder, startedAt: number, finished: () => boolean) {
  const phase = (seconds: number): WindowStats["phase"] =>
    seconds <= WARM_UP_SECONDS ? "warm-up" : "soak";
  let seconds = 0;
  while (!finished()) {
    const next = seconds + WINDOW_SECONDS;
    await sleepUntil(startedAt + next * 1000);
    if (finished()) break;
    seconds = next;
    await recorder.close(seconds, phase(seconds));
  }
}

function printErrors(samples: SoakSample[]): void {
  for (const kind of KINDS) {
    const failed = samples.filter((sample) => sample.kind === kind && !sample.ok);
    if (failed.length === 0) continue;
    const first = failed[0];
    console.log(
      `  ${kind}: ${failed.length} errors; first: ${first.status || "network"} ${first.detail}`,
    );
  }
}

/**
 * Exactly once, whatever the answers said: one PAID order, one SUCCEEDED purchase and one GRANT
 * per payment applied (a delivery whose answer timed out may still have been applied), and
 * every order a webhook answer called applied is among them.
 */
async function checkEffects(goals: Goals, catalog: SoakCatalog, traffic: SoakTraffic) {
  const acknowledged = [...traffic.paidOrderIds];
  const effects = await countSoakEffects(catalog, acknowledged);
  const { checkoutsStarted, reserveUsed } = traffic.counts;
  console.log(
    `\nDatabase: ${checkoutsStarted} checkouts answered 201, ${reserveUsed} of ${RESERVE_ORDERS} ` +
      `reserve orders used; ${acknowledged.length} payments acknowledged as applied\n` +
      `  ${effects.succeeded} purchases SUCCEEDED, ${effects.paid} orders PAID ` +
      `(${effects.acknowledgedPaid} of the acknowledged), ${effects.grants} GRANT rows, ` +
      `${effects.grantedTwice} purchases granted twice, ${effects.pending} orders pending`,
  );
  const exactlyOnce =
    effects.succeeded === effects.paid &&
    effects.grants === effects.paid &&
    effects.grantedTwice === 0 &&
    effects.acknowledgedPaid === acknowledged.length;
  const detail =
    `${effects.paid} PAID, ${effects.succeeded} SUCCEEDED, ${effects.grants} GRANT rows, ` +
    `${effects.grantedTwice} granted twice; ${effects.acknowledgedPaid} of ` +
    `${acknowledged.length} acknowledged orders PAID`;
  goals.check("exactly once", exactlyOnce, detail);
}

function checkLatency(goals: Goals, soak: WindowStats[]): void {
  const [first, last] = [soak[0], soak.at(-1)];
  if (!first || !last) return goals.check("p99 stable", false, "no soak window completed");
  const drift = last.all.p99Ms / first.all.p99Ms;
  goals.check(
    "p99 stable",
    drift <= P99_DRIFT_GOAL,
    `last window ${ms(last.all.p99Ms)} = ${drift.toFixed(2)} × first ${ms(first.all.p99Ms)} ` +
      `(goal ≤ ${P99_DRIFT_GOAL})`,
  );
  const worst = soak.reduce((max, stats) => (stats.all.p99Ms > max.all.p99Ms ? stats : max));
  // Reported, not judged: a window's p99 follows how busy the shared machine was.
  console.log(`  worst window p99 ${ms(worst.all.p99Ms)} at ${worst.endSeconds} s`);
  const lag = Math.max(...soak.map((stats) => stats.lagP99Ms));
  goals.check(
    "schedule kept",
    lag < LAG_GOAL_MS,
    `worst window's lag p99 ${ms(lag)} (goal < ${ms(LAG_GOAL_MS)})`,
  );
}

async function main(): Promise<number> {
  const config = benchConfig({ database: "offerings_bench_soak", port: "3370" });
  const sandbox = await startStripeSandbox({
    port: Number(process.env.BENCH_SANDBOX_PORT ?? 3371),
    webhookSecret: WEBHOOK_SECRET, // never used: this script delivers the events itself
  });
  Object.assign(config.env, {
    STRIPE_SECRET_KEY: "sk_test_bench_soak",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: sandbox.url,
    STRIPE_SANDBOX_PUBLIC_URL: sandbox.publicUrl,
    METRICS_TOKEN,
  });
  await buildIfNeeded(config);
  await prepareDatabase(config);

  const schedule = new Schedule(RATE, WARM_UP_SECONDS / 2, WARM_UP_SECONDS + SOAK_SECONDS);
  const checkouts = Math.ceil((schedule.total * MIX.checkout) / MIX_SIZE) + 10;
  console.log(
    `[bench] seeding the catalog, ${checkouts} buyers and ${RESERVE_ORDERS} reserve orders`,
  );
  const catalog = await seedCatalog();
  const buyerIds = await seedBuyers("buyer", checkouts);
  const buyerCookies = await mintSessionCookies(buyerIds, config.env.AUTH_SECRET ?? "");
  const reserve = await seedReserveOrders(catalog, RESERVE_ORDERS);

  const server = await startServer(config, "bench-soak-server.log");
  const goals = new Goals();
  const samples: SoakSample[] = [];
  const traffic = new SoakTraffic({
    baseUrl: config.baseUrl,
    webhookSecret: WEBHOOK_SECRET,
    offeringIds: catalog.offeringIds,
    checkoutOfferingIds: catalog.checkoutOfferingIds,
    buyerCookies,
    reserve,
    // No telemetry: its buffer fills (and warns) with thousands of requests in flight.
    sandbox: new Stripe("sk_test_bench_soak", { ...sandbox.sdkOptions, telemetry: false }),
    isFullCatalog,
  });
  let baseline: number;
  let end: number;
  const recorder = new WindowRecorder(server.pid, () =>
    readServerMetrics(config.baseUrl, METRICS_TOKEN),
  );
  try {
    await waitForCatalog(config.baseUrl);
    const started = processGroupUsage(server.pid);
    console.log(
      `[bench] ${RATE} requests/s for ${WARM_UP_SECONDS} s warm-up + ${SOAK_SECONDS} s; server ` +
        `group ${server.pid}: ${started.pids.length} processes, RSS ${mebibytes(started.rssBytes)}`,
    );
    const startedAt = performance.now();
    let finished = false;
    const loop = runOpenLoop(traffic, schedule, {
      startedAt,
      onSample: (sample) => {
        samples.push(sample);
        recorder.record(sample);
      },
    }).finally(() => (finished = true));
    const windows = recordWindows(recorder, startedAt, () => finished);

    await sleepUntil(startedAt + WARM_UP_SECONDS * 1000);
    baseline = processGroupUsage(server.pid).rssBytes;
    console.log(`[bench] warm-up over: server RSS ${mebibytes(baseline)}, the baseline`);
    const measured = schedule.total - schedule.dueBy(WARM_UP_SECONDS);
    const { cpu } = await measureCpu(config, server, measured, () => loop);
    await windows;
    const last = await recorder.close(Math.round((performance.now() - startedAt) / 1000), "soak");
    end = last.rssBytes;
    printWindowTable(recorder.windows);
    console.log(
      `\nSoak: ${SOAK_SECONDS} s at ${RATE} requests/s after ${WARM_UP_SECONDS} s of warm-up`,
    );
    printCpu(cpu);
  } finally {
    recorder.stop();
    await server.stop();
    await sandbox.close();
  }

  // Full soak windows only: the last one closed when the load ended may hold a few requests.
  const full = (stats: WindowStats) => stats.all.requests >= (RATE * WINDOW_SECONDS) / 2;
  const soak = recorder.windows.filter((stats) => stats.phase === "soak" && full(stats));
  const pointGrowth = (end - baseline) / baseline;
  const points = `${mebibytes(baseline)} after warm-up → ${mebibytes(end)} at the end`;
  console.log(`  server RSS   ${points} (${percent(pointGrowth)})`);
  const floor = (windows: WindowStats[]) => Math.min(...windows.map((w) => w.rssMinBytes));
  const [firstFloor, lastFloor] = [floor(soak.slice(0, 2)), floor(soak.slice(-2))];
  const floorGrowth = (lastFloor - firstFloor) / firstFloor;
  const floors = `${mebibytes(firstFloor)} in the first minute → ${mebibytes(lastFloor)} in the last`;
  console.log(`  RSS floor    ${floors} (${percent(floorGrowth)}), lowest of readings every 2 s`);
  const counts = KINDS.map((kind) => `${kind} ${samples.filter((s) => s.kind === kind).length}`);
  console.log(
    `  requests     ${samples.length} answered: ${counts.join(", ")}; ${traffic.counts.skipped} slots skipped`,
  );
  const errors = samples.filter((sample) => !sample.ok).length;
  console.log(`  errors       ${errors} (warm-up included)`);
  printErrors(samples);

  goals.check(
    "RSS growth",
    floorGrowth < RSS_GROWTH_GOAL,
    `floor ${percent(floorGrowth)}: ${floors}; single readings ${percent(pointGrowth)} (goal < 10 %)`,
  );
  goals.check("errors", errors === 0, `${errors} of ${samples.length} (goal 0)`);
  checkLatency(goals, soak);
  await checkEffects(goals, catalog, traffic);
  return goals.report();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    process.exit(1);
  },
);
