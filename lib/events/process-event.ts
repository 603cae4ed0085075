/**
 * The event inbox. Each provider delivery is recorded in ProcessedEvent, keyed by the provider's
 * event id, in the same transaction as its effects: both commit or neither does. The unique key
 * makes concurrent and repeated deliveries of one event wait for, then see, the first one.
 * Events that ended PROCESSED, IGNORED or UNMATCHED are done; a FAILED one (say, an amount
 * mismatch) is tried again when it is delivered again. An admin's replay (`replay: true`) also
 * re-handles an UNMATCHED one, under the same lock, so a replay racing a delivery or another
 * replay applies once, and a replay of an event that already applied changes nothing.
 *
 * This is the hottest path of every webhook, so it speaks SQL directly: a copy of an event that
 * already ended is answered by one read, outside any transaction (a final outcome never changes);
 * otherwise one statement claims the event, and one records how it ended. Work that must not hold
 * the transaction open (a call to Stripe) a handler returns as `afterCommit`, run after commit.
 */
import { randomUUID } from "node:crypto";
import { db, queryPrepared, type Tx } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { EventOutcome, Prisma } from "@/lib/generated/prisma/client";
import type { EventFailure } from "@/lib/events/event-failure";

export type EventResult = {
  outcome: Exclude<EventOutcome, "PROCESSING">;
  purchaseId?: string;
  error?: EventFailure;
  details?: Record<string, unknown>;
  /** Work that must not hold the transaction (a call to Stripe), run once it has committed. */
  afterCommit?: () => Promise<unknown>;
};

export type ProcessEventOptions = {
  provider: string;
  eventId: string;
  type: string;
  payload: Prisma.InputJsonValue;
  handle: (tx: Tx, event: { recordId: string }) => Promise<EventResult>;
  /** An admin's replay of a recorded event: UNMATCHED is retried too, not only FAILED. */
  replay?: boolean;
};

export type ProcessedEventSummary = Omit<EventResult, "afterCommit"> & {
  eventRecordId: string;
  duplicate: boolean;
};

type EventRow = { id: string; outcome: EventOutcome; purchaseId: string | null };

const isFinal = (outcome: EventOutcome, replay = false) =>
  outcome === "PROCESSED" || outcome === "IGNORED" || (outcome === "UNMATCHED" && !replay);

const FIND_EVENT = `SELECT id, outcome, "purchaseId" FROM "ProcessedEvent" WHERE provider = $1 AND "providerEventId" = $2`;

function duplicateOf(event: EventRow): ProcessedEventSummary {
  const outcome = event.outcome as EventResult["outcome"];
  return {
    outcome,
    purchaseId: event.purchaseId ?? undefined,
    eventRecordId: event.id,
    duplicate: true,
  };
}

export async function processEvent(options: ProcessEventOptions): Promise<ProcessedEventSummary> {
  const { provider, eventId, type } = options;
  if (!options.replay) {
    const [recorded] = await queryPrepared<EventRow>("find_processed_event", FIND_EVENT, [
      provider,
      eventId,
    ]);
    if (recorded && isFinal(recorded.outcome)) return duplicateOf(recorded);
  }
  const { afterCommit, ...summary } = await applyOnce(options);
  // Committed: a failure here loses nothing the event recorded, so it is logged, not thrown.
  await afterCommit?.().catch((error: unknown) =>
    logger.warn({ err: error, provider, eventId, type }, "follow-up work after an event failed"),
  );
  return summary;
}

async function applyOnce(
  options: ProcessEventOptions,
): Promise<ProcessedEventSummary & Pick<EventResult, "afterCommit">> {
  const { provider, eventId, type, handle } = options;
  const payload = JSON.stringify(options.payload);
  return db.$transaction(async (tx) => {
    // A concurrent delivery of the same event waits on the unique key until we commit.
    const [claimed] = await tx.$queryRaw<EventRow[]>`
      INSERT INTO "ProcessedEvent" (id, provider, "providerEventId", type, payload)
      VALUES (${randomUUID()}, ${provider}, ${eventId}, ${type}, ${payload}::jsonb)
      ON CONFLICT (provider, "providerEventId") DO NOTHING
      RETURNING id, outcome, "purchaseId"`;
    const [existing] = claimed
      ? [claimed]
      : await tx.$queryRaw<EventRow[]>`
          SELECT id, outcome, "purchaseId" FROM "ProcessedEvent"
          WHERE provider = ${provider} AND "providerEventId" = ${eventId}
          FOR UPDATE`;
    if (!existing) throw new Error(`Event ${provider}/${eventId} vanished while being recorded`);
    if (!claimed && isFinal(existing.outcome, options.replay)) return duplicateOf(existing);

    const result = await handle(tx, { recordId: existing.id });
    const details = result.details === undefined ? null : JSON.stringify(result.details);
    await tx.$executeRaw`
      UPDATE "ProcessedEvent"
      SET outcome = ${result.outcome}::"EventOutcome", error = ${result.error ?? null},
          details = ${details}::jsonb, "purchaseId" = ${result.purchaseId ?? null},
          "processedAt" = now(), payload = ${payload}::jsonb,
          attempts = attempts + ${claimed ? 0 : 1}
      WHERE id = ${existing.id}`;
    return { ...result, eventRecordId: existing.id, duplicate: false };
  });
}
