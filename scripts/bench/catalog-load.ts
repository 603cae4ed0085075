/**
 * bench:catalog's load: BENCH_CLIENT_PROCESSES (2) processes of http-load-client.mjs sharing
 * CLIENTS keep-alive connections for a fixed time, and the CPU they spent, reported beside the
 * server's so that a reader sees whether the client or the server bounded the rate.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import type { RunningServer } from "../../tooling/server/app-server";
import { measureCpu, type BenchConfig, type CpuPerRequest } from "./harness";
import { summarize, type LoadSummary } from "./report";

const CLIENTS = 20;
const PROCESSES = Math.max(1, Number(process.env.BENCH_CLIENT_PROCESSES ?? 2));
const CLIENT_SCRIPT = path.resolve("scripts/bench/http-load-client.mjs");

type ClientReport = {
  requests: number;
  bad: number;
  firstBad?: object;
  latencies: number[];
  cpuMs: number;
};

/** What every answer must hold: `count` times `marker` (one per offering card). */
export type Expected = { marker: string; count: number };

async function runClient(url: string, connections: number, seconds: number, expected: Expected) {
  const { marker, count } = expected;
  const args = [CLIENT_SCRIPT, url, String(connections), String(seconds), marker, String(count)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`the load client exited with ${code}`);
  return JSON.parse(output) as ClientReport;
}

export type CatalogRun = { summary: LoadSummary; cpu: CpuPerRequest };

/**
 * GETs `url` for `seconds` from CLIENTS connections over PROCESSES processes; CPU per request of
 * the server, PostgreSQL, the client processes (`client`) and the machine.
 */
export async function loadCatalog(
  config: BenchConfig,
  server: RunningServer,
  url: string,
  { seconds, expected }: { seconds: number; expected: Expected },
): Promise<CatalogRun> {
  const perProcess = Array.from(
    { length: PROCESSES },
    (_, index) => Math.floor(CLIENTS / PROCESSES) + (index < CLIENTS % PROCESSES ? 1 : 0),
  );
  const started = performance.now();
  const { result: reports, cpu: total } = await measureCpu(config, server, 1, () =>
    Promise.all(perProcess.map((connections) => runClient(url, connections, seconds, expected))),
  );
  const wallMs = performance.now() - started;
  for (const { firstBad } of reports) {
    if (firstBad) console.log(`  first bad answer ${JSON.stringify(firstBad)}`);
  }
  const samples = reports.flatMap((report) => {
    const good = report.latencies.length - report.bad;
    return report.latencies.map((latencyMs, index) => ({
      latencyMs,
      status: index < good ? 200 : 0, // which ones were bad does not matter for the summary
      body: "",
    }));
  });
  const requests = Math.max(1, samples.length);
  const clientCpuMs = reports.reduce((sum, report) => sum + report.cpuMs, 0);
  const cpu: CpuPerRequest = {
    server: total.server / requests,
    database: total.database / requests,
    client: (total.client + clientCpuMs) / requests,
    machine: total.machine / requests,
    wall: total.wall / requests,
  };
  return { summary: summarize({ samples, wallMs }), cpu };
}

export const LOAD_CLIENTS = `${CLIENTS} keep-alive connections over ${PROCESSES} client processes`;
