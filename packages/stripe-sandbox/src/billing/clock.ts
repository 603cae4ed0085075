/**
 * The sandbox's clock and what falls due on it: checkout sessions passing `expires_at`,
 * subscriptions reaching the end of their period (renewed, or ended when
 * `cancel_at_period_end`; a trial's end is its first period's end), failed invoices reaching
 * `next_payment_attempt`, and trials reaching their `trial_will_end` notice.
 *
 * Due work runs in time order, each piece with the clock pinned to the moment it fell due, so a
 * jump of three months renews three times with three months' timestamps. It runs on every API
 * request, every minute, and when the clock is advanced (`/_sandbox/clock/advance`, the `/clock`
 * page, `StripeSandbox.advanceClock`). The clock never goes backwards.
 */
import {
  cancelSubscription,
  newTally,
  payInvoice,
  renewSubscription,
  type BillingTally,
} from "./billing";
import type { SandboxContext } from "../context";
import { expireSession } from "./payments";
import { BILLING_STATUSES, periodEndOf } from "../objects/subscription-objects";
import { dueTrialNotices, sendTrialNotice } from "./trials";

export interface ClockReading {
  /** The sandbox's time, Unix seconds. */
  now: number;
  /** How far the sandbox's time is ahead of real time. */
  offsetSeconds: number;
}

export type ClockSummary = ClockReading & BillingTally;

/** A bound on one advance, so a daily price and a ten-year jump cannot run forever. */
const MAX_STEPS = 10_000;

interface DueTask {
  at: number;
  /** Ties run in this order: sessions, retries and trial notices, then period ends. */
  rank: number;
  run: (tally: BillingTally) => void;
}

export function readClock(context: SandboxContext): ClockReading {
  return { now: context.now(), offsetSeconds: context.store.state.clock.offsetSeconds };
}

function dueTasks(context: SandboxContext, limit: number): DueTask[] {
  const state = context.store.state;
  const tasks: DueTask[] = [];
  for (const record of Object.values(state.checkoutSessions)) {
    const { session } = record;
    if (session.status === "open" && session.expires_at <= limit) {
      tasks.push({ at: session.expires_at, rank: 0, run: () => expireSession(context, record) });
    }
  }
  for (const invoiceId of Object.keys(state.dunning)) {
    const invoice = state.invoices[invoiceId];
    const at = invoice?.next_payment_attempt;
    if (invoice?.status === "open" && at != null && at <= limit) {
      tasks.push({ at, rank: 1, run: (tally) => payInvoice(context, invoice, "automatic", tally) });
    }
  }
  for (const { subscription, dueAt } of dueTrialNotices(context, limit)) {
    tasks.push({ at: dueAt, rank: 1, run: () => sendTrialNotice(context, subscription) });
  }
  for (const subscription of Object.values(state.subscriptions)) {
    if (!BILLING_STATUSES.includes(subscription.status)) continue;
    const at = periodEndOf(subscription);
    if (at > limit) continue;
    tasks.push({
      at,
      rank: 2,
      run: (tally) =>
        subscription.cancel_at_period_end
          ? cancelSubscription(context, subscription, "cancellation_requested", tally)
          : renewSubscription(context, subscription, tally),
    });
  }
  return tasks;
}

/** Runs, oldest first, everything due at or before `limit`. */
function runDue(context: SandboxContext, limit: number, tally: BillingTally): void {
  for (let step = 0; step < MAX_STEPS; step++) {
    const [next] = dueTasks(context, limit).sort((a, b) => a.at - b.at || a.rank - b.rank);
    if (!next) return;
    context.asSandbox(() => context.at(next.at, () => next.run(tally)));
  }
  console.error("[stripe-sandbox] clock: stopped after", MAX_STEPS, "steps of due work");
}

/** Whatever real time brought due since the last look (called before each API request). */
export function runDueWork(context: SandboxContext): BillingTally {
  const tally = newTally();
  runDue(context, context.now(), tally);
  return tally;
}

export class ClockError extends Error {}

/** Moves the clock to `target`, running everything that falls due on the way. */
export function advanceClockTo(context: SandboxContext, target: number): ClockSummary {
  if (!Number.isSafeInteger(target)) throw new ClockError("The target time must be an integer.");
  const now = context.now();
  if (target < now) {
    throw new ClockError(`The clock only moves forward: ${target} is before the current ${now}.`);
  }
  const tally = newTally();
  runDue(context, target, tally);
  // Real time may have ticked on while the work ran: only ever move forward.
  if (target > context.now()) {
    context.store.state.clock.offsetSeconds = target - Math.floor(Date.now() / 1000);
  }
  context.store.save();
  return { ...readClock(context), ...tally };
}

export function advanceClockBy(context: SandboxContext, seconds: number): ClockSummary {
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new ClockError("`seconds` must be a whole number, 0 or more.");
  }
  return advanceClockTo(context, context.now() + seconds);
}
