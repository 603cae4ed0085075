/**
 * Runs the outbox's scheduled jobs (channels.ts: the access expiry scan, and what the channels
 * add). On PostgreSQL, pg-boss (as for the daily reconcile; its tables are in the `pgboss`
 * schema): each cron tick is sent once across every instance and a singleton queue runs one at
 * a time. On the embedded database, which serves one connection, a timer of this process checks
 * each job's cron once a minute and runs it, never twice at once.
 */
import { logger } from "@/lib/logger";
import { createQueue, startPgBoss } from "@/lib/pg-boss";
import { cronMatches } from "@/lib/notifications/cron-matches";
import type { OutboxJob } from "@/lib/notifications/outbox-job";

export type RunningJobs = { stop: () => Promise<void> };

export type StartOutboxJobsOptions = { embedded: boolean };

export async function startOutboxJobs(
  jobs: readonly OutboxJob[],
  { embedded }: StartOutboxJobsOptions,
): Promise<RunningJobs> {
  if (jobs.length === 0) return { stop: async () => {} };
  return embedded ? startTimer(jobs) : startOnPgBoss(jobs);
}

async function runJob(job: OutboxJob) {
  try {
    await job.run();
  } catch (error) {
    logger.error({ err: error, job: job.name }, "outbox job failed");
    throw error;
  }
}

async function startOnPgBoss(jobs: readonly OutboxJob[]): Promise<RunningJobs> {
  const boss = await startPgBoss("outbox-jobs");
  for (const job of jobs) {
    await createQueue(boss, job.name, {
      policy: "singleton",
      retryLimit: 1,
      retryDelay: 30,
      expireInSeconds: 600,
    });
    await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    await boss.work(job.name, { pollingIntervalSeconds: 5 }, () => runJob(job));
  }
  logger.info({ jobs: jobs.map((job) => `${job.name} (${job.cron})`) }, "outbox jobs on pg-boss");
  return { stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}

function startTimer(jobs: readonly OutboxJob[]): RunningJobs {
  const running = new Set<string>();
  const tick = () => {
    const now = new Date();
    for (const job of jobs) {
      if (running.has(job.name) || !cronMatches(job.cron, now)) continue;
      running.add(job.name);
      void runJob(job)
        .catch(() => {})
        .finally(() => running.delete(job.name));
    }
  };
  // On each minute's start (as cron), then every minute.
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(
    () => {
      tick();
      interval = setInterval(tick, 60_000);
      interval.unref();
    },
    60_000 - (Date.now() % 60_000),
  );
  first.unref();
  logger.info({ jobs: jobs.map((job) => `${job.name} (${job.cron})`) }, "outbox jobs on a timer");
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(interval);
    },
  };
}
