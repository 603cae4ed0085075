/**
 * A connection can break after PostgreSQL committed a delivery's transaction but before the
 * answer reached us: the delivery then fails as "database unavailable" although the event and
 * its effects are stored. Answering 503 would be wrong (the provider's retry is then answered
 * "duplicate"), so before a webhook answers 503 it reads the event again by its id, on a fresh
 * connection (the pool's may all be broken): stored with a final outcome, it is answered as
 * applied. Anything else, and any failure of that read, keeps the 503.
 */
import pg from "pg";
import { getEnv } from "@/lib/env";
import { toAppError } from "@/lib/errors";
import type { EventOutcome } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import type { EventResult } from "@/lib/events/process-event";

export type CommittedEvent = Omit<EventResult, "afterCommit"> & { duplicate: boolean };

type StoredRow = {
  outcome: EventOutcome;
  purchaseId: string | null;
  details: Record<string, unknown> | null;
};

// Short: a database that is really down must not hold the 503 back for long.
const REREAD_TIMEOUT_MS = 2_000;

/** The event's row read on a new connection, if it ended (PROCESSED, IGNORED, UNMATCHED). */
async function findCommittedEvent(
  provider: string,
  eventId: string,
): Promise<CommittedEvent | null> {
  const client = new pg.Client({
    connectionString: getEnv().DATABASE_URL,
    connectionTimeoutMillis: REREAD_TIMEOUT_MS,
    query_timeout: REREAD_TIMEOUT_MS,
  });
  // A connection lost later would otherwise be an unhandled "error" event.
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query<StoredRow>(
      `SELECT outcome, "purchaseId", details FROM "ProcessedEvent" WHERE provider = $1 AND "providerEventId" = $2`,
      [provider, eventId],
    );
    const row = rows[0];
    if (!row || row.outcome === "PROCESSING" || row.outcome === "FAILED") return null;
    return {
      outcome: row.outcome,
      purchaseId: row.purchaseId ?? undefined,
      ...(row.details ? { details: row.details } : {}),
      duplicate: false,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Runs `apply` (record and apply the event); if it fails because the database connection broke,
 * answers from the stored event when the commit had gone through, and rethrows otherwise.
 */
export async function applyOrFindCommitted<Result extends CommittedEvent>(
  provider: string,
  eventId: string,
  apply: () => Promise<Result>,
): Promise<Result | CommittedEvent> {
  try {
    return await apply();
  } catch (error) {
    if (toAppError(error).code !== "database_unavailable") throw error;
    const stored = await findCommittedEvent(provider, eventId).catch(() => null);
    if (!stored) throw error;
    logger.warn(
      { provider, event_id: eventId, outcome: stored.outcome },
      "the database connection broke after the event was stored: answered as stored",
    );
    return stored;
  }
}
