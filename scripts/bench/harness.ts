/**
 * What the HTTP benchmarks in scripts/bench share beyond tooling/ (run them, not this): their
 * settings, a production build, and CPU per request. The server process, the database and the
 * load runners are tooling/'s (tooling/README.md), which the end-to-end tests use too.
 *
 * Settings: BENCH_DATABASE_URL (default: the benchmark's own database on 127.0.0.1:5432 as root,
 * dropped and created afresh), BENCH_PORT (its own port on 127.0.0.1), BENCH_POOL_SIZE (the
 * server's DATABASE_POOL_SIZE, 10), BENCH_SKIP_BUILD=1 (reuse .next holding a production build).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { RunningServer } from "../../tooling/server/app-server";
import { runBin } from "../../tooling/server/run-bin";
import { trackDatabaseCpu } from "./database-cpu";
import { machineBusyMs, processGroupUsage } from "./process-usage";

export type BenchConfig = { databaseUrl: string; baseUrl: string; env: NodeJS.ProcessEnv };

/**
 * The benchmark's settings, also written into this process's env so that lib/ (which reads
 * process.env lazily through lib/env.ts) uses the server's database and secrets. Call it before
 * anything touches `db`. Each benchmark has its own database and port, so two can run at once.
 */
export function benchConfig({ database = "offerings_bench", port = "3300" } = {}): BenchConfig {
  const databaseUrl =
    process.env.BENCH_DATABASE_URL ?? `postgresql://root@127.0.0.1:5432/${database}`;
  const baseUrl = `http://127.0.0.1:${process.env.BENCH_PORT ?? port}`;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? "10",
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? randomBytes(32).toString("base64url"),
    NEXT_PUBLIC_APP_URL: baseUrl,
    AUTH_URL: baseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
  });
  return { databaseUrl, baseUrl, env: { ...process.env } };
}

/**
 * `next build` of the app (or of the Next app in `dir`), unless BENCH_SKIP_BUILD=1 and a
 * production build is already there.
 */
export async function buildIfNeeded(config: BenchConfig, dir = "."): Promise<void> {
  const output = path.join(dir, ".next");
  if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(path.join(output, "BUILD_ID"))) {
    console.log(`[bench] BENCH_SKIP_BUILD=1: reusing the production build in ${output}`);
    return;
  }
  console.log(`[bench] next build ${dir} (set BENCH_SKIP_BUILD=1 to reuse it next time)`);
  const code = await runBin("next", ["build", dir], config.env);
  if (code !== 0) throw new Error(`next build ${dir} failed (exit ${code})`);
}

/** CPU milliseconds per request, read from Linux /proc: what a slow run spent its time on. */
export type CpuPerRequest = Record<"server" | "database" | "client" | "machine" | "wall", number>;

/**
 * Runs `load` and divides its CPU over `requests`: the server's process group (summed over every
 * server given, when the load is spread over several instances), PostgreSQL (every backend of
 * the benchmark's database that ran meanwhile, WAL writer, checkpointer: database-cpu.ts), this
 * process (the load client), and the whole machine (the rest is others sharing the cores).
 */
export async function measureCpu<T>(
  config: BenchConfig,
  server: RunningServer | RunningServer[],
  requests: number,
  load: () => Promise<T>,
): Promise<{ result: T; cpu: CpuPerRequest }> {
  const servers = Array.isArray(server) ? server : [server];
  const ownCpuMs = (usage = process.cpuUsage()) => (usage.user + usage.system) / 1000;
  const snapshot = () => ({
    server: servers.reduce((sum, { pid }) => sum + processGroupUsage(pid).cpuMs, 0),
    client: ownCpuMs(),
    machine: machineBusyMs(),
    wall: performance.now(),
  });
  const database = trackDatabaseCpu(new URL(config.databaseUrl).pathname.slice(1));
  const before = snapshot();
  const result = await load();
  const after = snapshot();
  const databaseMs = database.stop();
  const perRequest = (key: keyof typeof before) => (after[key] - before[key]) / requests;
  const cpu: CpuPerRequest = {
    server: perRequest("server"),
    database: databaseMs / requests,
    client: perRequest("client"),
    machine: perRequest("machine"),
    wall: perRequest("wall"),
  };
  return { result, cpu };
}
