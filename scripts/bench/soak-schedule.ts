/**
 * bench:soak's open loop: requests start on a fixed schedule whatever the answers do, so a slow
 * server meets more requests in flight, as it would in production, instead of fewer clients
 * politely waiting (a closed loop hides slowness in the clients' own pace).
 */
import { performance } from "node:perf_hooks";
import type { Answer, SoakSample, SoakTraffic } from "./soak-traffic";

const RAMP_START_RATE = 5;

/** fetch's errors say "fetch failed"; the reason (a reset, a refused connection) is their cause. */
function describe(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? String(error) : `${String(error)} (${String(cause)})`;
}

/**
 * When each request is due, in seconds from the start: `rate` per second, after a linear ramp
 * from RAMP_START_RATE over `rampSeconds` (a cold server compiles and JIT-warms its routes
 * first; met at the full rate, it would start the run with a backlog).
 */
export class Schedule {
  private readonly startRate: number;
  private readonly acceleration: number; // requests/s², halved
  private readonly rampRequests: number;

  constructor(
    readonly rate: number,
    private readonly rampSeconds: number,
    readonly totalSeconds: number,
  ) {
    this.startRate = Math.min(RAMP_START_RATE, rate);
    this.acceleration = rampSeconds > 0 ? (rate - this.startRate) / (2 * rampSeconds) : 0;
    this.rampRequests = (rampSeconds * (this.startRate + rate)) / 2;
  }

  /** Requests due over the first `seconds` (not a whole number: index i is due when it passes i). */
  private cumulative(seconds: number): number {
    const t = Math.min(seconds, this.totalSeconds);
    if (t >= this.rampSeconds) return this.rampRequests + (t - this.rampSeconds) * this.rate;
    return this.startRate * t + this.acceleration * t * t;
  }

  get total(): number {
    return Math.floor(this.cumulative(this.totalSeconds));
  }

  /** How many requests are due by `seconds`: those whose time has come. */
  dueBy(seconds: number): number {
    return Math.min(this.total, Math.floor(this.cumulative(seconds)) + 1);
  }

  /** When request `index` is due. */
  timeOf(index: number): number {
    const { acceleration: a, startRate: v } = this;
    if (index >= this.rampRequests)
      return this.rampSeconds + (index - this.rampRequests) / this.rate;
    return a > 0 ? (-v + Math.sqrt(v * v + 4 * a * index)) / (2 * a) : index / v;
  }
}

/**
 * Starts every request of `schedule` at its time from `startedAt` (performance.now()), whether
 * or not earlier ones were answered, and resolves once all are answered.
 */
export async function runOpenLoop(
  traffic: SoakTraffic,
  schedule: Schedule,
  { startedAt, onSample }: { startedAt: number; onSample: (sample: SoakSample) => void },
): Promise<void> {
  const total = schedule.total;
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  const launch = (index: number) => {
    const scheduledAt = startedAt + schedule.timeOf(index) * 1000;
    const kind = traffic.nextKind();
    const before = performance.now();
    const request = traffic.send(kind).then(
      (answer) => answer,
      (error: unknown): Answer => ({ status: 0, ok: false, detail: `${kind}: ${describe(error)}` }),
    );
    const done = request.then((answer) => {
      const answeredAt = performance.now();
      if (answer.detail === "skipped") return;
      const latencyMs = answeredAt - before;
      onSample({
        kind,
        answeredAt: answeredAt - startedAt,
        latencyMs,
        lagMs: before - scheduledAt,
        ...answer,
      });
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = schedule.dueBy((performance.now() - startedAt) / 1000);
      while (next < due) launch(next++);
      if (next >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
