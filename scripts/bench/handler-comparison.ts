/**
 * Phase 5 of bench:stripe-webhook: our webhook against the naive handler and the peer's shape, on
 * one database, in alternating rounds (BENCH_ROUNDS, 3 by default), so that no side gets the
 * quieter machine or the warmer JIT: round 1 runs ours, naive, peer; round 2 peer, naive, ours;
 * and so on. Each run is 1,000 distinct events from 50 keep-alive clients on fresh rows; the
 * figures reported and judged are each side's medians. Single runs on a shared 2-core machine
 * move by ±30 %.
 *   ours:  `checkout.session.completed` through the app as deployed (the outbox's triggers on,
 *          the server's worker dispatching, measured until every message is dispatched);
 *   naive: the same events through scripts/bench/naive-webhook (verify, one UPDATE by order id);
 *   peer:  `customer.subscription.updated` through the same build's saas-starter-shaped route
 *          (verify, SELECT the team by customer id, UPDATE it by id).
 * Goals, all in this run: ours ≥ 1.0 × the naive handler's events/s and ≤ 1.0 × its server CPU
 * per event (medians); 0 errors and the exact effects in every run.
 */
import { runLoad } from "../../tooling/load/run-load";
import type { RunningServer } from "../../tooling/server/app-server";
import { measureCpu, type BenchConfig, type CpuPerRequest } from "./harness";
import { Goals, isError, median, ms, summarize, type LoadSummary } from "./report";
import { signedDelivery, type Effects } from "./stripe-orders";
import { availableParallelism } from "node:os";

const CLIENTS = 50;
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const THROUGHPUT_GOAL = 1.0;
const CPU_GOAL = 1.0;

export type SideRun = {
  payloads: string[];
  effects: () => Promise<Effects>;
  /** The webhook's path, when not the app's /api/webhooks/stripe. */
  path?: string;
};
export type Side = {
  name: string;
  server: RunningServer;
  baseUrl: string;
  /** One set of fresh payloads per round. */
  runs: SideRun[];
  /** Work the side still owes once the load is answered (the outbox's dispatch), measured too. */
  settle?: () => Promise<void>;
};
type Measured = { summary: LoadSummary; cpu: CpuPerRequest; effects: Effects };
export type SideMedians = { eventsPerSecond: number; serverCpuMs: number; databaseCpuMs: number };

async function runOnce(config: BenchConfig, side: Side, run: SideRun): Promise<Measured> {
  const { result, cpu } = await measureCpu(config, side.server, run.payloads.length, async () => {
    const load = await runLoad({
      baseUrl: side.baseUrl,
      total: run.payloads.length,
      concurrency: CLIENTS,
      request: (index) => {
        const delivery = signedDelivery(run.payloads[index]);
        return run.path ? { ...delivery, path: run.path } : delivery;
      },
    });
    await side.settle?.();
    return load;
  });
  const summary = summarize(result);
  const failed = result.samples.find(isError);
  if (failed) {
    console.log(
      `  ${side.name} first error ${failed.status || "network"}: ${failed.body.slice(0, 200)}`,
    );
  }
  return { summary, cpu, effects: await run.effects() };
}

function line(round: number, name: string, { summary, cpu, effects }: Measured): string {
  const busy = (100 * cpu.machine) / (cpu.wall * availableParallelism());
  return (
    `  round ${round} ${name.padEnd(5)} ${summary.requestsPerSecond.toFixed(1).padStart(6)} events/s, ` +
    `p99 ${ms(summary.p99Ms)}, CPU/event server ${ms(cpu.server)}, postgres ${ms(cpu.database)}, ` +
    `client ${ms(cpu.client)} (machine ${busy.toFixed(0)} % busy); ${summary.errors} errors; ${effects.text}`
  );
}

/** Runs every side once per round, alternating the order; checks and returns the medians. */
export async function compareHandlers(
  config: BenchConfig,
  goals: Goals,
  sides: Side[],
): Promise<Record<string, SideMedians>> {
  console.log(
    `\nPhase 5: ${sides.map((side) => side.name).join(", ")} alternated, ${ROUNDS} rounds of ` +
      `${sides[0].runs[0].payloads.length} distinct events each, ${CLIENTS} clients`,
  );
  const measured = new Map<string, Measured[]>(sides.map((side) => [side.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const result = await runOnce(config, side, side.runs[round]);
      measured.get(side.name)?.push(result);
      console.log(line(round + 1, side.name, result));
      const label = `Phase 5 ${side.name}, round ${round + 1}`;
      goals.check(
        `${label}: errors`,
        result.summary.errors === 0,
        `${result.summary.errors} (goal 0)`,
      );
      goals.check(`${label}: exactly once`, result.effects.ok, result.effects.text);
    }
  }

  const medians: Record<string, SideMedians> = {};
  console.log(`\n  medians of ${ROUNDS}     events/s   server CPU/event   postgres CPU/event`);
  for (const side of sides) {
    const runs = measured.get(side.name) ?? [];
    const figures: SideMedians = {
      eventsPerSecond: median(runs.map((run) => run.summary.requestsPerSecond)),
      serverCpuMs: median(runs.map((run) => run.cpu.server)),
      databaseCpuMs: median(runs.map((run) => run.cpu.database)),
    };
    medians[side.name] = figures;
    console.log(
      `  ${side.name.padEnd(18)} ${figures.eventsPerSecond.toFixed(1).padStart(8)}   ` +
        `${ms(figures.serverCpuMs).padStart(16)}   ${ms(figures.databaseCpuMs).padStart(18)}`,
    );
  }
  const { ours, naive } = medians;
  for (const [name, other] of Object.entries(medians)) {
    if (name === "ours") continue;
    const throughput = ours.eventsPerSecond / other.eventsPerSecond;
    const cpu = ours.serverCpuMs / other.serverCpuMs;
    console.log(
      `  ours ÷ ${name.padEnd(5)}       events/s ${throughput.toFixed(2)}×, server CPU per event ${cpu.toFixed(2)}×`,
    );
  }
  if (ours && naive) {
    const throughput = ours.eventsPerSecond / naive.eventsPerSecond;
    const cpu = ours.serverCpuMs / naive.serverCpuMs;
    goals.check(
      "Phase 5 events/s, ours ÷ naive handler (medians)",
      throughput >= THROUGHPUT_GOAL,
      `${throughput.toFixed(2)}× = ${ours.eventsPerSecond.toFixed(1)} / ${naive.eventsPerSecond.toFixed(1)} (goal ≥ ${THROUGHPUT_GOAL.toFixed(1)}×)`,
    );
    goals.check(
      "Phase 5 server CPU per event, ours ÷ naive handler (medians)",
      cpu <= CPU_GOAL,
      `${cpu.toFixed(2)}× = ${ms(ours.serverCpuMs)} / ${ms(naive.serverCpuMs)} (goal ≤ ${CPU_GOAL.toFixed(1)}×)`,
    );
  }
  return medians;
}
