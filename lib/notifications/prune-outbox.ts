/**
 * Retention of the outbox: a message older than OUTBOX_RETENTION_DAYS (30 by default) is deleted
 * with its deliveries and their attempts, once nothing about it is left to do: it was dispatched
 * and none of its deliveries is still pending (each delivered, dead or canceled). The delivery log
 * an admin reads covers that window. Run daily (channels.ts), in batches, so a large backlog never
 * holds long locks; a repeat of a message's change cannot reach the outbox again by then (the
 * change's own event was recorded and deduplicated long before).
 */
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

const BATCH = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PruneOutboxOptions = { now?: Date; retentionDays?: number };

/** Deletes what has aged out; returns how many messages went. */
export async function pruneOutbox(options: PruneOutboxOptions = {}): Promise<number> {
  const { now = new Date(), retentionDays = getEnv().OUTBOX_RETENTION_DAYS } = options;
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM "OutboxMessage" WHERE id IN (
        SELECT m.id FROM "OutboxMessage" m
        WHERE m."createdAt" < ${before} AND m."dispatchedAt" IS NOT NULL
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxDelivery" d WHERE d."messageId" = m.id AND d.status = 'PENDING')
        ORDER BY m."createdAt"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)`;
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
