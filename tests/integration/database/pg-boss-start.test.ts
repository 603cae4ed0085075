/**
 * The reconcile schedule and the outbox's jobs each start pg-boss and create their queues, and
 * several instances may do so at once on a fresh database: every start must succeed, the ones
 * that race the creation of pg-boss's schema or queue tables trying again (lib/pg-boss.ts).
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
