/**
 * Shared pieces for the HTTP benchmarks in scripts/bench (run them, not this): a fresh migrated
 * database, a production build, the production server in its own process group, a
 * bounded-concurrency load runner (keep-alive fetch, per-request latency), CPU per request, and
 * the report.
 *
 * Settings: BENCH_DATABASE_URL (default: the benchmark's own database on 127.0.0.1:5432 as root,
 * dropped and created afresh), BENCH_PORT (its own port on 127.0.0.1), BENCH_POOL_SIZE (the
 * server's DATABASE_POOL_SIZE, 10), BENCH_SKIP_BUILD=1 (reuse .next holding a production build).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { recreateDatabase } from "../../tooling/database/recreate-database";
import { machineBusyMs, processCpu, processGroupUsage } from "./process-usage";

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

/** Runs a node_modules/.bin command to completion with its output passed through. */
async function runBin(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const bin = path.resolve("node_modules/.bin", command);
  const [code] = (await once(spawn(bin, args, { env, stdio: "inherit" }), "exit")) as [number];
  return code ?? 1;
}

/** Drops and creates the benchmark database, then migrates it in a child process (no seed). */
export async function prepareDatabase(config: BenchConfig): Promise<void> {
  await recreateDatabase(config.databaseUrl);
  const code = await runBin("tsx", ["scripts/db/prepare.ts", "--no-seed"], config.env);
  if (code !== 0) throw new Error(`Migrating ${config.databaseUrl} failed (exit ${code})`);
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

export type RunningServer = { pid: number; logPath: string; stop: () => Promise<void> };

/**
 * The app's production server (or `next start` of the Next app in `dir`) in its own process
 * group, logging to .data/`logName`; resolves once it answers HTTP on `/`. stop() ends the whole group, which is also killed if this process exits or is
 * interrupted first, so no server is left running. `pid` is the group's id.
 */
export async function startServer(config: BenchConfig, logName = "bench-server.log", dir = ".") {
  mkdirSync(".data", { recursive: true });
  const logPath = path.resolve(".data", logName);
  const log = openSync(logPath, "w");
  const port = new URL(config.baseUrl).port;
  // The app runs in its own HTTP server (scripts/server.ts), as `npm start` runs it; another
  // Next app (the naive webhook) in `next start`.
  const [bin, args] =
    dir === "."
      ? [path.resolve("node_modules/.bin/tsx"), ["scripts/server.ts", "start", "--port", port]]
      : [path.resolve("node_modules/.bin/next"), ["start", dir, "--port", port]];
  const child = spawn(bin, args, { env: config.env, detached: true, stdio: ["ignore", log, log] });
  closeSync(log); // the server holds its own copy
  const exit = once(child, "exit").catch(() => undefined);
  const running = () => child.exitCode === null && child.signalCode === null;
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return; // never spawned; never signal group 0 (our own)
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The whole group has ended.
    }
  };
  const onExit = () => killGroup("SIGKILL");
  const onSignal = () => process.exit(130); // "exit" then kills the group
  process.on("exit", onExit).on("SIGINT", onSignal).on("SIGTERM", onSignal);

  const stop = async () => {
    const timer = setTimeout(() => killGroup("SIGKILL"), 5_000);
    killGroup("SIGTERM");
    await exit;
    clearTimeout(timer);
    killGroup("SIGKILL"); // anything of the group that outlived its leader
    process.off("exit", onExit).off("SIGINT", onSignal).off("SIGTERM", onSignal);
  };

  const deadline = Date.now() + 60_000;
  // Not yet answering, or too slow to finish within the timeout (headers, then body): try again.
  const answers = () =>
    fetch(`${config.baseUrl}/`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.arrayBuffer())
      .then(
        () => true,
        () => false,
      );
  while (!(await answers())) {
    if (!running() || Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not come up on ${config.baseUrl}; see ${logPath}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pool = config.env.DATABASE_POOL_SIZE;
  console.log(`[bench] server on ${config.baseUrl}, pool ${pool}, log in ${logPath}`);
  return { pid: child.pid ?? -1, logPath, stop } satisfies RunningServer;
}

/** Runs task(0) … task(total - 1) with at most `concurrency` in flight. */
export async function forEachConcurrently(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

export type BenchRequest = {
  /** Another server than the load's `baseUrl` (to spread one load over several instances). */
  baseUrl?: string;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
};
/** One request's outcome; status 0 means a network error or timeout. */
export type Sample = { latencyMs: number; status: number; body: string };
export type LoadResult = { samples: Sample[]; wallMs: number };
export type LoadOptions = {
  baseUrl: string;
  total: number;
  concurrency: number;
  request: (index: number) => BenchRequest;
};

/**
 * Sends `total` requests (POST unless told) from `concurrency` clients, each sending its next request as soon as
 * its previous one is answered. Latency runs from just before fetch until the body is read.
 * Global fetch keeps connections alive, so each client mostly reuses one socket.
 */
export async function runLoad({ baseUrl, total, concurrency, request }: LoadOptions) {
  const samples = new Array<Sample>(total);
  const started = performance.now();
  await forEachConcurrently(total, concurrency, async (index) => {
    const {
      baseUrl: target = baseUrl,
      path: requestPath,
      method = "POST",
      headers,
      body,
    } = request(index);
    const init = { method, headers, body, signal: AbortSignal.timeout(30_000) };
    const before = performance.now();
    const record = (status: number, text: string) => {
      samples[index] = { latencyMs: performance.now() - before, status, body: text };
    };
    try {
      const response = await fetch(`${target}${requestPath}`, init);
      record(response.status, await response.text());
    } catch (error) {
      record(0, String(error));
    }
  });
  return { samples, wallMs: performance.now() - started } satisfies LoadResult;
}

/** CPU milliseconds per request, read from Linux /proc: what a slow run spent its time on. */
export type CpuPerRequest = Record<"server" | "database" | "client" | "machine" | "wall", number>;

/**
 * Runs `load` and divides its CPU over `requests`: the server's process group (summed over every
 * server given, when the load is spread over several instances), PostgreSQL (the
 * benchmark database's backends open at the start, so warm the pool first; WAL writer,
 * checkpointer), this process, and the whole machine (the rest is others sharing the cores).
 */
export async function measureCpu<T>(
  config: BenchConfig,
  server: RunningServer | RunningServer[],
  requests: number,
  load: () => Promise<T>,
): Promise<{ result: T; cpu: CpuPerRequest }> {
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity
    WHERE (datname = current_database() OR backend_type IN ('walwriter', 'checkpointer'))
      AND pid <> pg_backend_pid()`);
  await client.end();
  const servers = Array.isArray(server) ? server : [server];
  const ownCpuMs = (usage = process.cpuUsage()) => (usage.user + usage.system) / 1000;
  const snapshot = () => ({
    server: servers.reduce((sum, { pid }) => sum + processGroupUsage(pid).cpuMs, 0),
    database: rows.reduce((sum, { pid }) => sum + (processCpu(pid)?.cpuMs ?? 0), 0),
    client: ownCpuMs(),
    machine: machineBusyMs(),
    wall: performance.now(),
  });
  const before = snapshot();
  const result = await load();
  const after = snapshot();
  const perRequest = (key: keyof CpuPerRequest) => (after[key] - before[key]) / requests;
  const keys = ["server", "database", "client", "machine", "wall"] as const;
  const cpu = Object.fromEntries(keys.map((key) => [key, perRequest(key)])) as CpuPerRequest;
  return { result, cpu };
}
