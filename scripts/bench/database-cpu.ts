/**
 * PostgreSQL's CPU during a measurement, from Linux /proc: the backends serving the benchmark's
 * database and the WAL writer and checkpointer, found by their process titles
 * ("postgres: [cluster: ]user database host(port) state").
 *
 * The set of backends changes while a benchmark runs: the server's pool closes a connection idle
 * for 10 s (pg's idleTimeoutMillis) and opens new ones when the load grows. Reading only the
 * backends that were open at the start, once before and once after, counted a backend that exited
 * meanwhile as 0 at the end (a negative figure, as the open-loop phases printed) and missed every
 * backend opened meanwhile. So the tracker polls: each backend counts from its first reading (0
 * for one forked during the measurement) to its last, and one that exits keeps its last reading,
 * which misses at most the CPU of its final poll interval (an idle backend spends none).
 */
import { readFileSync, readdirSync } from "node:fs";
import { processCpu } from "./process-usage";

const POLL_MS = 250;

function title(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The pids of PostgreSQL processes that work for `database` (and its WAL), with their CPU. */
function databaseProcesses(database: string): Map<number, number> {
  const ours = new RegExp(
    `^postgres: (?:[^:]+: )?(?:\\S+ ${escapeRegExp(database)} |walwriter|checkpointer)`,
  );
  const found = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let comm: string;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, "utf8");
    } catch {
      continue; // ended
    }
    if (comm.trim() !== "postgres" || !ours.test(title(pid))) continue;
    const cpu = processCpu(pid);
    if (cpu) found.set(pid, cpu.cpuMs);
  }
  return found;
}

export type DatabaseCpuTracker = { stop: () => number };

/**
 * Starts tracking the CPU of `database`'s PostgreSQL processes; stop() returns the milliseconds
 * they spent since start, never negative.
 */
export function trackDatabaseCpu(database: string): DatabaseCpuTracker {
  const first = databaseProcesses(database);
  const last = new Map(first);
  const poll = () => {
    for (const [pid, cpuMs] of databaseProcesses(database)) last.set(pid, cpuMs);
  };
  const timer = setInterval(poll, POLL_MS);
  return {
    stop() {
      clearInterval(timer);
      poll();
      let total = 0;
      for (const [pid, cpuMs] of last) total += Math.max(0, cpuMs - (first.get(pid) ?? 0));
      return total;
    },
  };
}
