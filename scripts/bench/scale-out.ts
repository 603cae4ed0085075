/**
 * Benchmark of the Stripe webhook on one and then two `next start` instances sharing one
 * PostgreSQL, as behind a load balancer, from 50 concurrent keep-alive clients posting signed
 * `checkout.session.completed` events:
 *   phase 1: 1 instance, 1,000 distinct events (one per pending Stripe order);
 *   phase 2: 2 instances, 1,000 other distinct events, sent alternately to each;
 *   phase 3: 2 instances, 1,000 copies of one more event, alternately (exactly once across them).
 * Reports events/s, p50/p99 and CPU per event (server: both instances' process groups summed).
 * Goals: 0 errors and exactly-once effects in every phase. Throughput is reported, not judged:
 * on a machine of two cores shared with PostgreSQL and this client, a second instance adds no
 * CPU, only a second Node.js event loop; on separate machines it adds the cores of one.
 * A warm-up of 100 events per instance, on another offering, runs first and is not measured.
 *
 *   npm run bench:scale-out                      # builds, then benchmarks
 *   BENCH_SKIP_BUILD=1 npm run bench:scale-out   # reuses the production build in .next
 * Its own database (offerings_bench_scale_out) and ports (3305 and the next one, or BENCH_PORT
 * and BENCH_PORT + 1); other settings: harness.ts.
 */
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import {
  completedEvent,
  createPendingStripeOrders,
  type StripeOffering,
} from "../../tooling/seed/pending-stripe-orders";
import { prepareDatabase } from "../../tooling/database/prepare-database";
import { runLoad } from "../../tooling/load/run-load";
import { startServer, type RunningServer } from "../../tooling/server/app-server";
import { benchConfig, buildIfNeeded, measureCpu, type BenchConfig } from "./harness";
import { Goals, isError, ms, printCpu, printSummary, summarize, type LoadSummary } from "./report";
import { signedStripeDelivery } from "../../tooling/stripe";

const CLIENTS = 50;
const EVENTS_PER_PHASE = 1_000;
const WARM_UP_EVENTS = 100;
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64url")}`;

type Instance = { url: string; server: RunningServer };

/** The same deployment on the next port: same database and secrets, its own public URL. */
function secondInstanceConfig(config: BenchConfig): BenchConfig {
  const url = new URL(config.baseUrl);
  url.port = String(Number(url.port) + 1);
  const baseUrl = url.origin;
  return {
    ...config,
    baseUrl,
    env: { ...config.env, NEXT_PUBLIC_APP_URL: baseUrl, AUTH_URL: baseUrl },
  };
}

/** Sends `payloads` from CLIENTS clients, request i to instance i mod n; CPU summed over them. */
async function sendAlternately(config: BenchConfig, instances: Instance[], payloads: string[]) {
  return measureCpu(
    config,
    instances.map((instance) => instance.server),
    payloads.length,
    () =>
      runLoad({
        baseUrl: instances[0].url,
        total: payloads.length,
        concurrency: CLIENTS,
        request: (index) => ({
          ...signedStripeDelivery(payloads[index], WEBHOOK_SECRET),
          baseUrl: instances[index % instances.length].url,
        }),
      }),
  );
}

async function warmUp(instance: Instance, offering: StripeOffering) {
  const payloads = offering.orderIds.map((orderId) => completedEvent(offering, orderId));
  const { samples } = await runLoad({
    baseUrl: instance.url,
    total: payloads.length,
    concurrency: CLIENTS,
    request: (index) => signedStripeDelivery(payloads[index], WEBHOOK_SECRET),
  });
  console.log(
    `[bench] warm-up of ${instance.url}: ${samples.length} events, ${samples.filter(isError).length} errors`,
  );
}

/** Purchases SUCCEEDED and GRANT rows of an offering: `expected` of each when applied once. */
async function grantedExactly(offering: StripeOffering, expected: number) {
  const [succeeded, grants] = await Promise.all([
    db.purchase.count({ where: { offeringId: offering.id, status: "SUCCEEDED" } }),
    db.accessEvent.count({ where: { communityId: offering.communityId, action: "GRANT" } }),
  ]);
  const text = `${succeeded} purchases SUCCEEDED, ${grants} GRANT rows (goal exactly ${expected} each)`;
  return { ok: succeeded === expected && grants === expected, text };
}

type Phase = {
  name: string;
  title: string;
  payloads: string[];
  offering: StripeOffering;
  expected: number;
};

async function runPhase(config: BenchConfig, instances: Instance[], goals: Goals, phase: Phase) {
  const { result, cpu } = await sendAlternately(config, instances, phase.payloads);
  const summary = summarize(result);
  const effects = await grantedExactly(phase.offering, phase.expected);
  const where = instances.length === 1 ? "1 instance" : `${instances.length} instances`;
  printSummary(`${phase.name}: ${phase.title}, ${where}, ${CLIENTS} clients`, summary);
  printCpu(cpu);
  console.log(`  database     ${effects.text}`);
  const failed = result.samples.find(isError);
  if (failed)
    console.log(`  first error  ${failed.status || "network"}: ${failed.body.slice(0, 300)}`);
  goals.check(`${phase.name} errors`, summary.errors === 0, `${summary.errors} (goal 0)`);
  goals.check(`${phase.name} exactly once`, effects.ok, effects.text);
  return { summary, serverCpuMs: cpu.server };
}

function printComparison(one: { summary: LoadSummary; serverCpuMs: number }, two: typeof one) {
  const line = (label: string, { summary, serverCpuMs }: typeof one) =>
    `  ${label}  ${summary.requestsPerSecond.toFixed(1)} events/s, p99 ${ms(summary.p99Ms)}, ` +
    `server CPU ${ms(serverCpuMs)} per event`;
  console.log("\nDistinct events, 1 instance against 2");
  console.log(line("1 instance ", one));
  console.log(line("2 instances", two));
  const ratio = two.summary.requestsPerSecond / one.summary.requestsPerSecond;
  console.log(`  ratio        ${ratio.toFixed(2)} × the throughput of one instance`);
}

async function main(): Promise<number> {
  const config = benchConfig({ database: "offerings_bench_scale_out", port: "3305" });
  Object.assign(config.env, {
    STRIPE_SECRET_KEY: "sk_test_bench",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  const secondConfig = secondInstanceConfig(config);
  await buildIfNeeded(config);
  await prepareDatabase(config);

  console.log(
    `[bench] creating ${2 * WARM_UP_EVENTS} + ${2 * EVENTS_PER_PHASE + 1} pending Stripe orders`,
  );
  const warmUps = [
    await createPendingStripeOrders("warm-up-1", WARM_UP_EVENTS),
    await createPendingStripeOrders("warm-up-2", WARM_UP_EVENTS),
  ];
  const single = await createPendingStripeOrders("one-instance", EVENTS_PER_PHASE);
  const double = await createPendingStripeOrders("two-instances", EVENTS_PER_PHASE + 1);
  const events = (offering: StripeOffering) =>
    offering.orderIds.map((orderId) => completedEvent(offering, orderId));
  const [singleEvents, doubleEvents] = [events(single), events(double)];

  const goals = new Goals();
  const first: Instance = {
    url: config.baseUrl,
    server: await startServer(config, "bench-scale-out-1.log"),
  };
  let second: Instance | undefined;
  try {
    await warmUp(first, warmUps[0]);
    const one = await runPhase(config, [first], goals, {
      name: "Phase 1",
      title: `${EVENTS_PER_PHASE} distinct events`,
      payloads: singleEvents,
      offering: single,
      expected: EVENTS_PER_PHASE,
    });

    second = {
      url: secondConfig.baseUrl,
      server: await startServer(secondConfig, "bench-scale-out-2.log"),
    };
    await warmUp(second, warmUps[1]);
    const two = await runPhase(config, [first, second], goals, {
      name: "Phase 2",
      title: `${EVENTS_PER_PHASE} distinct events`,
      payloads: doubleEvents.slice(0, EVENTS_PER_PHASE),
      offering: double,
      expected: EVENTS_PER_PHASE,
    });
    await runPhase(config, [first, second], goals, {
      name: "Phase 3",
      title: `${EVENTS_PER_PHASE} copies of one event`,
      payloads: Array.from({ length: EVENTS_PER_PHASE }, () => doubleEvents[EVENTS_PER_PHASE]),
      offering: double,
      expected: EVENTS_PER_PHASE + 1,
    });
    printComparison(one, two);
  } finally {
    await Promise.all([first.server.stop(), second?.server.stop()]);
  }
  return goals.report();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    process.exit(1);
  },
);
