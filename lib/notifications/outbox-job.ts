/**
 * A job the outbox runs on a schedule. On PostgreSQL pg-boss runs each cron tick once across all
 * instances; on the embedded database the worker's own timer runs it (outbox-jobs.ts). A job
 * must be safe to run twice: a tick can be retried.
 *
 * A channel adds its jobs (the webhooks' check that disables an endpoint failing for 5 days, the
 * email digest of dead deliveries) by listing them in channels.ts, or by calling
 * registerOutboxJob when its module loads (channels.ts imports every channel's module, before
 * the outbox starts).
 */
export type OutboxJob = {
  /** A pg-boss queue name: letters, digits, "-" and "_". */
  name: string;
  /** Five fields, UTC: minute hour day-of-month month day-of-week ("* * * * *": every minute). */
  cron: string;
  run: () => Promise<unknown>;
};

const registered = new Map<string, OutboxJob>();

/** Adds a job (or replaces the one of that name) to those the outbox starts. */
export function registerOutboxJob(name: string, cron: string, run: () => Promise<unknown>): void {
  registered.set(name, { name, cron, run });
}

export function registeredOutboxJobs(): OutboxJob[] {
  return [...registered.values()];
}
