/**
 * A background loop the outbox worker runs twice (dispatching, delivering): it runs `step` again
 * at once while the step says there is more to do, else when woken or when `pollMs` has passed,
 * never sooner than `minIntervalMs` after the last start, so that a burst of wake-ups is handled
 * in batches. A failing step is retried with a doubling pause (30 s at most), logged once until it
 * succeeds again.
 */
import { setTimeout as delay } from "node:timers/promises";
import { logger } from "@/lib/logger";

export type WakeableLoop = {
  wake: () => void;
  /** Lets the step under way finish; resolves when the loop has ended. */
  stop: () => Promise<void>;
};

export type WakeableLoopOptions = {
  name: string;
  /** One pass; true when there is probably more to do at once. */
  step: () => Promise<boolean>;
  pollMs: number;
  minIntervalMs: number;
};

const MAX_BACKOFF_MS = 30_000;

/** Resolves after `ms`, or at once when `signal` is aborted. */
const sleep = (ms: number, signal: AbortSignal) =>
  delay(ms, undefined, { signal, ref: false }).catch(() => undefined);

export function startWakeableLoop({
  name,
  step,
  pollMs,
  minIntervalMs,
}: WakeableLoopOptions): WakeableLoop {
  const stopping = new AbortController();
  let woken = false;
  let onWake: (() => void) | null = null;

  const wake = () => {
    woken = true;
    onWake?.();
  };
  const waitForWake = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || ms <= 0) return resolve();
      const timer = setTimeout(resolve, ms);
      timer.unref();
      onWake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      onWake = null;
    });

  const run = async () => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      const started = Date.now();
      woken = false;
      let more = false;
      try {
        more = await step();
        if (failures > 0) logger.info({ loop: name, failures }, "outbox worker running again");
        failures = 0;
      } catch (error) {
        if (failures === 0) {
          logger.error({ err: error, loop: name }, "outbox worker step failed; retrying");
        }
        failures += 1;
      }
      if (stopping.signal.aborted) break;
      if (failures > 0) {
        await sleep(Math.min(MAX_BACKOFF_MS, pollMs * 2 ** failures), stopping.signal);
        continue;
      }
      if (!more) await waitForWake(pollMs);
      await sleep(Math.max(0, started + minIntervalMs - Date.now()), stopping.signal);
    }
  };

  // From the next tick: the caller has its handle (and may wake it) before the first step.
  const running = Promise.resolve().then(run);
  return {
    wake,
    stop: async () => {
      stopping.abort();
      wake();
      await running;
    },
  };
}
