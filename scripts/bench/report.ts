/** The benchmarks' report: percentiles, a phase's summary, CPU per request and the goals. */
import { availableParallelism } from "node:os";
import type { LoadResult, Sample } from "../../tooling/load/run-load";
import type { CpuPerRequest } from "./harness";

export const isError = (sample: Sample) => sample.status < 200 || sample.status > 299;
/** Nearest-rank percentile of ascending values. */
export function percentile(sortedAscending: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAscending.length));
  return sortedAscending[Math.min(rank, sortedAscending.length) - 1] ?? Number.NaN;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export type LoadSummary = ReturnType<typeof summarize>;

export function summarize({ samples, wallMs }: LoadResult) {
  const latencies = samples.map((sample) => sample.latencyMs).sort((a, b) => a - b);
  const statuses = new Map<number, number>();
  for (const { status } of samples) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  return {
    requests: samples.length,
    requestsPerSecond: samples.length / (wallMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    errors: samples.filter(isError).length,
    statuses,
  };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export function printSummary(title: string, { statuses, ...summary }: LoadSummary): void {
  const counts = [...statuses].map(([status, count]) => `${status || "network error"}×${count}`);
  const latency = `p50 ${ms(summary.p50Ms)}, p99 ${ms(summary.p99Ms)}, max ${ms(summary.maxMs)}`;
  console.log(`\n${title}`);
  console.log(`  requests     ${summary.requests} (${counts.join(", ")})`);
  console.log(`  throughput   ${summary.requestsPerSecond.toFixed(1)} req/s`);
  console.log(`  latency      ${latency}`);
  console.log(`  errors       ${summary.errors}`);
}

export function printCpu(cpu: CpuPerRequest): void {
  const cores = availableParallelism();
  const others = Math.max(0, cpu.machine - cpu.server - cpu.database - cpu.client);
  const busy = (100 * cpu.machine) / (cpu.wall * cores);
  console.log(
    `  cpu/request  server ${ms(cpu.server)}, postgres ${ms(cpu.database)}, ` +
      `bench client ${ms(cpu.client)}, other processes ${ms(others)} ` +
      `(machine ${busy.toFixed(0)}% busy on ${cores} cores)`,
  );
}

/** Goals checked along the way, printed together with PASS/FAIL at the end. */
export class Goals {
  private readonly lines: string[] = [];
  private anyFailed = false;

  check(label: string, pass: boolean, detail: string): void {
    this.lines.push(`  ${pass ? "PASS" : "FAIL"}  ${label}: ${detail}`);
    this.anyFailed ||= !pass;
  }

  /** Prints every goal; returns the exit code: 1 when any failed. */
  report(): number {
    console.log(["\nGoals", ...this.lines].join("\n"));
    return this.anyFailed ? 1 : 0;
  }
}
