/**
 * When a delivery is tried again: OUTBOX_RETRY_SCHEDULE (lib/env.ts) lists the wait before each
 * attempt, the first included (0: at once). The default is Standard Webhooks' (Svix's) schedule:
 * at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; when the eighth attempt fails
 * the delivery is dead (shown so in the delivery log, with Replay).
 */
import { getEnv } from "@/lib/env";

/** Seconds to wait before attempt n + 1 (index n); its length is the number of attempts. */
export type RetrySchedule = readonly number[];

export function retrySchedule(): RetrySchedule {
  return getEnv().OUTBOX_RETRY_SCHEDULE;
}

/**
 * When the next attempt is due after attempt `failedAttempt` (1 = the first) failed at `now`, or
 * null when that was the last one: the delivery is dead.
 */
export function nextAttemptAt(
  schedule: RetrySchedule,
  failedAttempt: number,
  now: Date,
): Date | null {
  if (failedAttempt >= schedule.length) return null;
  return new Date(now.getTime() + schedule[failedAttempt] * 1000);
}
