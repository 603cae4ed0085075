/**
 * A job the outbox runs on a schedule (channels.ts lists them). On PostgreSQL pg-boss runs each
 * cron tick once across all instances; on the embedded database the worker's own timer runs it
 * (outbox-jobs.ts). A job must be safe to run twice: a tick can be retried.
 */
export type OutboxJob = {
  /** A pg-boss queue name: letters, digits, "-" and "_". */
  name: string;
  /** Five fields, UTC: minute hour day-of-month month day-of-week ("* * * * *": every minute). */
  cron: string;
  run: () => Promise<unknown>;
};
