/**
 * The outbox's scheduled jobs (the expiry scan, and those the channels add): on PostgreSQL they
 * are pg-boss crons, each tick sent once across instances and run by whichever worker takes it;
 * on the embedded database a timer of the process runs them at their minute.
 */
import { PgBoss } from "pg-boss";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { outboxJobs } from "@/lib/notifications/channels";
import { startOutboxJobs, type RunningJobs } from "@/lib/notifications/outbox-jobs";

let running: RunningJobs | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await running?.stop();
  running = undefined;
});

describe("outbox jobs", () => {
  it("lists the expiry scan, every minute", () => {
    expect(outboxJobs.map((job) => [job.name, job.cron])).toContainEqual([
      "outbox-access-expiry",
      "* * * * *",
    ]);
  });

  it("on PostgreSQL: a pg-boss schedule per job, and a tick runs the job", async () => {
    const runs: string[] = [];
    running = await startOutboxJobs(
      [{ name: "outbox-test-job", cron: "*/5 * * * *", run: async () => runs.push("ran") }],
      { embedded: false },
    );
    const schedules = await db.$queryRaw<{ name: string; cron: string }[]>`
      SELECT name, cron FROM pgboss.schedule WHERE name = 'outbox-test-job'`;
    expect(schedules).toEqual([{ name: "outbox-test-job", cron: "*/5 * * * *" }]);

    // What pg-boss's clock sends at the tick.
    const sender = new PgBoss({ connectionString: getEnv().DATABASE_URL, max: 1 });
    await sender.start();
    try {
      await sender.send("outbox-test-job", {});
      await expect.poll(() => runs.length, { timeout: 20_000, interval: 200 }).toBe(1);
    } finally {
      await sender.stop({ graceful: false });
    }
  });

  it("on the embedded database: a timer runs each job at the minutes its cron names", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-06T10:00:30Z") });
    const runs: string[] = [];
    running = await startOutboxJobs(
      [
        { name: "every-minute", cron: "* * * * *", run: async () => runs.push("minute") },
        { name: "daily", cron: "0 8 * * *", run: async () => runs.push("daily") },
      ],
      { embedded: true },
    );
    await vi.advanceTimersByTimeAsync(30_000); // 10:01
    await vi.advanceTimersByTimeAsync(120_000); // 10:03
    expect(runs).toEqual(["minute", "minute", "minute"]);
  });
});
