/**
 * Memory and CPU of a whole process group, read from Linux /proc: `next start` may fork workers,
 * and a benchmark that watched only the leader would miss them. Summed VmRSS counts pages the
 * processes share once per process, so it is an upper bound, comparable between two readings.
 * Plus the machine's busy time, to tell a slow server from one starved by its neighbours.
 */
import { readFileSync, readdirSync } from "node:fs";

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

export type GroupUsage = { pids: number[]; rssBytes: number; cpuMs: number };

/** A process's group and its user + system CPU so far, from its `stat`; undefined once gone. */
export function processCpu(pid: number): { group: number; cpuMs: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const [group, userTicks, systemTicks] = [fields[2], fields[11], fields[12]].map(Number);
    return { group, cpuMs: (userTicks + systemTicks) * CLOCK_TICK_MS };
  } catch {
    return undefined;
  }
}

/** VmRSS in bytes; 0 for a process that has ended (or a zombie, which has no memory). */
function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kilobytes = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kilobytes === undefined ? 0 : Number(kilobytes) * 1024;
  } catch {
    return 0;
  }
}

/** Every live process of `group` with its summed resident memory and CPU time so far. */
export function processGroupUsage(group: number): GroupUsage {
  const usage: GroupUsage = { pids: [], rssBytes: 0, cpuMs: 0 };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = processCpu(pid);
    if (stat?.group !== group) continue;
    usage.pids.push(pid);
    usage.cpuMs += stat.cpuMs;
    usage.rssBytes += residentBytes(pid);
  }
  return usage;
}

/** Busy time summed over all cores, whoever used it. */
export function machineBusyMs(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const values = ticks.map(Number);
  const idle = values[3] + values[4];
  return (values.reduce((sum, value) => sum + value, 0) - idle) * CLOCK_TICK_MS;
}

export const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
