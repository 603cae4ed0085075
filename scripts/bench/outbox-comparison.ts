/**
 * Phase 1 of bench:stripe-webhook with the outbox and without it, in the same run: the same
 * server, the same load (distinct `checkout.session.completed` events from 50 clients), on two
 * sets of pending orders, alternating halves (off, on, off, on) so that neither side gets the
 * quieter machine or the warmer JIT. "Off" disables the outbox triggers in the bench database
 * (ALTER TABLE … DISABLE TRIGGER, those alone: no message is written); "on" is the outbox as deployed:
 * the triggers write each payment's messages and the server's outbox worker dispatches them, and
 * an "on" half is measured until every message is dispatched, so the worker's CPU is counted
 * where it belongs. Goal: the outbox adds at most 10 % of server CPU per event (a ratio within the
 * run; CPU per event and p99 are reported, and judged against the naive handler in phase 5).
 */
import pg from "pg";
import { runLoad, type LoadResult, type Sample } from "../../tooling/load/run-load";
import { measureCpu, type BenchConfig, type CpuPerRequest } from "./harness";
import type { RunningServer } from "../../tooling/server/app-server";
import { Goals, isError, ms, printCpu, printSummary, summarize, type LoadSummary } from "./report";
import { signedDelivery, type Effects } from "./stripe-orders";

const CLIENTS = 50;
const MAX_CPU_INCREASE = 0.1;
export type OutboxSide = { payloads: string[]; effects: () => Promise<Effects> };
type Measured = LoadSummary & { serverCpuMs: number; cpu: CpuPerRequest };

/**
 * Turns the outbox's triggers (those running a prisma/functions/outbox_*.sql function) on or off
 * in the bench database; the other triggers (the admin's summaries and counts) stay on.
 */
export async function setOutboxTriggers(databaseUrl: string, on: boolean) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string; trigger: string }>(
      `SELECT c.relname AS table, t.tgname AS trigger
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE NOT t.tgisinternal AND p.proname LIKE 'outbox\\_%'`,
    );
    if (rows.length === 0) throw new Error("no outbox trigger in the bench database");
    for (const { table, trigger } of rows)
      await client.query(
        `ALTER TABLE "${table}" ${on ? "ENABLE" : "DISABLE"} TRIGGER "${trigger}"`,
      );
  } finally {
    await client.end();
  }
}

async function outboxCounts(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ total: string; waiting: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE "dispatchedAt" IS NULL) AS waiting
       FROM "OutboxMessage"`,
    );
    return { total: Number(rows[0].total), waiting: Number(rows[0].waiting) };
  } finally {
    await client.end();
  }
}

/** Until the server's worker has dispatched every message (60 s at most). */
export async function drained(databaseUrl: string) {
  const deadline = Date.now() + 60_000;
  while ((await outboxCounts(databaseUrl)).waiting > 0) {
    if (Date.now() > deadline) throw new Error("the outbox worker did not dispatch within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const addCpu = (a: CpuPerRequest, b: CpuPerRequest, weight: number): CpuPerRequest => ({
  server: a.server + b.server * weight,
  database: a.database + b.database * weight,
  client: a.client + b.client * weight,
  machine: a.machine + b.machine * weight,
  wall: a.wall + b.wall * weight,
});

export async function runOutboxComparison(
  config: BenchConfig,
  server: RunningServer,
  goals: Goals,
  sides: { off: OutboxSide; on: OutboxSide },
): Promise<{ on: Measured; off: Measured }> {
  const rounds = 2;
  const totals = { off: emptyTotals(), on: emptyTotals() };
  const before = await outboxCounts(config.databaseUrl);
  for (let round = 0; round < rounds; round++) {
    for (const side of ["off", "on"] as const) {
      const { payloads } = sides[side];
      const size = payloads.length / rounds;
      const slice = payloads.slice(round * size, (round + 1) * size);
      await setOutboxTriggers(config.databaseUrl, side === "on");
      const { result, cpu } = await measureCpu(config, server, slice.length, async () => {
        const load = await runLoad({
          baseUrl: config.baseUrl,
          total: slice.length,
          concurrency: CLIENTS,
          request: (index) => signedDelivery(slice[index]),
        });
        if (side === "on") await drained(config.databaseUrl);
        return load;
      });
      const total = totals[side];
      total.samples.push(...result.samples);
      total.wallMs += result.wallMs;
      total.cpu = addCpu(total.cpu, cpu, slice.length / payloads.length);
    }
  }
  await setOutboxTriggers(config.databaseUrl, true);
  const after = await outboxCounts(config.databaseUrl);

  const report = async (side: "off" | "on", title: string) => {
    const { samples, wallMs, cpu } = totals[side];
    const summary = summarize({ samples, wallMs } satisfies LoadResult);
    const effects = await sides[side].effects();
    printSummary(`Phase 1, outbox ${side}: ${samples.length} distinct events, ${title}`, summary);
    printCpu(cpu);
    console.log(`  database     ${effects.text}`);
    const failed = samples.find(isError);
    if (failed)
      console.log(`  first error  ${failed.status || "network"}: ${failed.body.slice(0, 300)}`);
    goals.check(
      `Phase 1 (outbox ${side}) errors`,
      summary.errors === 0,
      `${summary.errors} (goal 0)`,
    );
    goals.check(`Phase 1 (outbox ${side}) exactly once`, effects.ok, effects.text);
    return { ...summary, serverCpuMs: cpu.server, cpu };
  };
  const off = await report("off", "triggers disabled");
  const on = await report("on", "triggers on, the server's worker dispatching");
  const written = after.total - before.total;
  const expected = 2 * sides.on.payloads.length; // purchase.completed + access.granted
  console.log(`  outbox       ${written} messages written and dispatched (goal ${expected})`);
  goals.check("Phase 1 outbox messages", written === expected, `${written} (goal ${expected})`);
  const increase = on.serverCpuMs / off.serverCpuMs - 1;
  const database = on.cpu.database / off.cpu.database - 1;
  console.log(
    `  outbox cost  server CPU per event ${ms(off.serverCpuMs)} → ${ms(on.serverCpuMs)} ` +
      `(${(100 * increase).toFixed(1)} %), postgres ${ms(off.cpu.database)} → ${ms(on.cpu.database)} ` +
      `(${(100 * database).toFixed(1)} %)`,
  );
  goals.check(
    "Phase 1 server CPU added by the outbox",
    increase <= MAX_CPU_INCREASE,
    `${(100 * increase).toFixed(1)} % (goal ≤ ${100 * MAX_CPU_INCREASE} %)`,
  );
  return { on, off };
}

function emptyTotals() {
  const cpu: CpuPerRequest = { server: 0, database: 0, client: 0, machine: 0, wall: 0 };
  return { samples: [] as Sample[], wallMs: 0, cpu };
}
