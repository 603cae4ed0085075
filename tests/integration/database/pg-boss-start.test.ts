/**
 * The reconcile schedule and the outbox's jobs each start pg-boss and create their queues, and
 * several instances may do so at once on a fresh database: every start must succeed, the ones
 * that race the creation of pg-boss's schema or queue tables trying again (lib/pg-boss.ts). And a
 * database that ran pg-boss 10 still starts: its old `pgboss` schema is made afresh.
 */
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { createQueue, startPgBoss } from "@/lib/pg-boss";

async function startWithQueues(name: string) {
  const boss = await startPgBoss(`race-${name}`);
  for (const queue of ["stripe-reconcile", "outbox-access-expiry", "outbox-dead-letter-digest"])
    await createQueue(boss, queue, { policy: "singleton" });
  return boss;
}

it("four instances starting pg-boss with their queues at once on a fresh database all succeed", async () => {
  for (let round = 0; round < 3; round++) {
    await db.$executeRawUnsafe("DROP SCHEMA IF EXISTS pgboss CASCADE");
    const started = await Promise.allSettled(["a", "b", "c", "d"].map(startWithQueues));
    const refused = started.flatMap((result) =>
      result.status === "rejected" ? [String(result.reason)] : [],
    );
    expect(refused).toEqual([]);
    await Promise.all(
      started.map((result) =>
        result.status === "fulfilled" ? result.value.stop({ graceful: false }) : undefined,
      ),
    );
  }
}, 90_000);

it("starts on a database that ran pg-boss 10, whose schema (version 24) pg-boss 12 cannot migrate", async () => {
  // What pg-boss 10 left, as far as pg-boss 12 reads it: its version table at 24, and its jobs.
  await db.$executeRawUnsafe("DROP SCHEMA IF EXISTS pgboss CASCADE");
  await db.$executeRawUnsafe("CREATE SCHEMA pgboss");
  await db.$executeRawUnsafe(
    "CREATE TABLE pgboss.version (version int PRIMARY KEY, maintained_on timestamptz, cron_on timestamptz)",
  );
  await db.$executeRawUnsafe("INSERT INTO pgboss.version (version) VALUES (24)");
  await db.$executeRawUnsafe("CREATE TABLE pgboss.job (id uuid PRIMARY KEY, name text)");

  const started = await Promise.allSettled(["e", "f"].map(startWithQueues));
  expect(
    started.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : [])),
  ).toEqual([]);
  const [{ version }] = await db.$queryRawUnsafe<{ version: number }[]>(
    "SELECT max(version) AS version FROM pgboss.version",
  );
  expect(version).toBeGreaterThanOrEqual(25);
  await Promise.all(
    started.map((result) =>
      result.status === "fulfilled" ? result.value.stop({ graceful: false }) : undefined,
    ),
  );
}, 90_000);
