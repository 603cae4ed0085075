/**
 * bench:soak's windows: every WINDOW_SECONDS the requests answered in that window are summed up
 * per kind (count, errors, p50/p99) beside the server's resident memory, its CPU per request and,
 * from /api/metrics, its heap and database pool. One line each as the run goes, and a table of
 * them all at the end, so that growth and drift show as trends.
 *
 * Resident memory is read every RSS_SAMPLE_MS, and each window keeps its lowest and highest
 * reading besides the last: a Node server's RSS is a sawtooth that follows the V8 heap between
 * collections, so two single readings can differ by a third with nothing leaking, while a leak
 * lifts the floor (the lowest readings, just after collections).
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { machineBusyMs, mebibytes, processGroupUsage } from "./process-usage";
import { ms, percentile } from "./report";
import { KINDS, type Kind, type SoakSample } from "./soak-traffic";

export const WINDOW_SECONDS = 30;
const RSS_SAMPLE_MS = 2_000;

type Latency = { requests: number; errors: number; p50Ms: number; p99Ms: number };

/** What /api/metrics says of the process that answered it (Next serves from one process). */
export type ServerMetrics = {
  heapUsedBytes: number;
  externalBytes: number;
  poolOpen: number;
  poolWaiting: number;
};

export type WindowStats = {
  endSeconds: number;
  phase: "warm-up" | "soak";
  all: Latency;
  kinds: Record<Kind, Latency>;
  lagP99Ms: number;
  /** The server's RSS at the window's end, and its lowest and highest reading in the window. */
  rssBytes: number;
  rssMinBytes: number;
  rssMaxBytes: number;
  serverCpuMsPerRequest: number;
  /** Share of all cores busy in the window, whoever used them (others share this machine). */
  machineBusy: number;
  metrics?: ServerMetrics;
};

function latency(samples: SoakSample[]): Latency {
  const sorted = samples.map((sample) => sample.latencyMs).sort((a, b) => a - b);
  const errors = samples.filter((sample) => !sample.ok).length;
  return {
    requests: samples.length,
    errors,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/** The figures of one Prometheus text exposition we follow; undefined if it cannot be read. */
export async function readServerMetrics(baseUrl: string, token: string) {
  try {
    const response = await fetch(`${baseUrl}/api/metrics`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5_000),
    });
    const text = await response.text();
    const value = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
    return {
      heapUsedBytes: value("nodejs_heap_size_used_bytes"),
      externalBytes: value("nodejs_external_memory_bytes"),
      poolOpen: value("db_pool_connections_open"),
      poolWaiting: value("db_pool_requests_waiting"),
    } satisfies ServerMetrics;
  } catch {
    return undefined;
  }
}

export class WindowRecorder {
  readonly windows: WindowStats[] = [];
  private pending: SoakSample[] = [];
  private cpuMs: number;
  private machineMs = machineBusyMs();
  private wallMs = performance.now();
  private rss = { min: Infinity, max: 0 };
  private readonly rssTimer: NodeJS.Timeout;

  constructor(
    private readonly serverGroup: number,
    private readonly readMetrics: () => Promise<ServerMetrics | undefined>,
  ) {
    this.cpuMs = processGroupUsage(serverGroup).cpuMs;
    this.rssTimer = setInterval(() => this.readRss(), RSS_SAMPLE_MS);
  }

  private readRss(): number {
    const { rssBytes } = processGroupUsage(this.serverGroup);
    this.rss = { min: Math.min(this.rss.min, rssBytes), max: Math.max(this.rss.max, rssBytes) };
    return rssBytes;
  }

  /** Stops reading memory; the windows stay. */
  stop(): void {
    clearInterval(this.rssTimer);
  }

  record(sample: SoakSample): void {
    this.pending.push(sample);
  }

  /** Closes the window ending now, prints its line and returns it. */
  async close(endSeconds: number, phase: WindowStats["phase"]): Promise<WindowStats> {
    const samples = this.pending;
    this.pending = [];
    const rssBytes = this.readRss();
    const { min: rssMinBytes, max: rssMaxBytes } = this.rss;
    this.rss = { min: Infinity, max: 0 };
    const usage = processGroupUsage(this.serverGroup);
    const cpuMs = usage.cpuMs - this.cpuMs;
    const [machineMs, wallMs] = [machineBusyMs(), performance.now()];
    const machineBusy =
      (machineMs - this.machineMs) / ((wallMs - this.wallMs) * availableParallelism());
    [this.cpuMs, this.machineMs, this.wallMs] = [usage.cpuMs, machineMs, wallMs];
    const kinds = Object.fromEntries(
      KINDS.map((kind) => [kind, latency(samples.filter((sample) => sample.kind === kind))]),
    ) as Record<Kind, Latency>;
    const lags = samples.map((sample) => sample.lagMs).sort((a, b) => a - b);
    const stats: WindowStats = {
      endSeconds,
      phase,
      all: latency(samples),
      kinds,
      lagP99Ms: percentile(lags, 99),
      rssBytes,
      rssMinBytes,
      rssMaxBytes,
      serverCpuMsPerRequest: cpuMs / Math.max(1, samples.length),
      machineBusy,
      metrics: await this.readMetrics(),
    };
    this.windows.push(stats);
    console.log(windowLine(stats));
    return stats;
  }
}

const MIB = 1024 * 1024;
const whole = (value: number) => (Number.isNaN(value) ? "-" : value.toFixed(0));

function windowLine(stats: WindowStats): string {
  const { all, metrics } = stats;
  const perKind = KINDS.map(
    (kind) => `${kind} ${whole(stats.kinds[kind].p50Ms)}/${whole(stats.kinds[kind].p99Ms)}`,
  ).join("  ");
  const server = metrics
    ? `  heap ${mebibytes(metrics.heapUsedBytes)}  pool ${metrics.poolOpen} open ${metrics.poolWaiting} waiting`
    : "";
  return (
    `[${String(stats.endSeconds).padStart(4)} s ${stats.phase.padEnd(7)}] ${all.requests} req, ` +
    `${all.errors} err  p50/p99 ms: ${perKind}  all ${whole(all.p50Ms)}/${whole(all.p99Ms)}  ` +
    `lag p99 ${whole(stats.lagP99Ms)}  rss ${mebibytes(stats.rssBytes)} ` +
    `(${whole(stats.rssMinBytes / MIB)}–${whole(stats.rssMaxBytes / MIB)})  ` +
    `cpu ${ms(stats.serverCpuMsPerRequest)}/req  machine ${(stats.machineBusy * 100).toFixed(0)}% busy${server}`
  );
}

/** Every window as a table: p99 per kind, errors, memory and CPU, oldest first. */
export function printWindowTable(windows: WindowStats[]): void {
  const header = ["end s", "phase", "req", "err", ...KINDS.map((kind) => `${kind} p99`), "all p99"];
  const columns = [...header, "rss MiB", "rss min–max", "heap MiB", "cpu ms/req", "machine"];
  console.log(`\nWindows of ${WINDOW_SECONDS} s (latency in ms)`);
  console.log(columns.map((column) => column.padStart(14)).join(""));
  for (const stats of windows) {
    const cells = [
      String(stats.endSeconds),
      stats.phase,
      String(stats.all.requests),
      String(stats.all.errors),
      ...KINDS.map((kind) => stats.kinds[kind].p99Ms.toFixed(1)),
      stats.all.p99Ms.toFixed(1),
      (stats.rssBytes / MIB).toFixed(1),
      `${whole(stats.rssMinBytes / MIB)}–${whole(stats.rssMaxBytes / MIB)}`,
      stats.metrics ? (stats.metrics.heapUsedBytes / MIB).toFixed(1) : "-",
      stats.serverCpuMsPerRequest.toFixed(2),
      `${(stats.machineBusy * 100).toFixed(0)}%`,
    ];
    console.log(cells.map((cell) => cell.padStart(14)).join(""));
  }
}
