/**
 * The event inbox. Each provider delivery is recorded in ProcessedEvent, keyed by the provider's
 * event id, in the same transaction as its effects: both commit or neither does. The unique key
 * makes concurrent and repeated deliveries of one event wait for, then see, the first one.
 * Events that ended PROCESSED, IGNORED or UNMATCHED are done; a FAILED one (say, an amount
 * mismatch) is tried again when it is delivered again.
 */
import { db, type Tx } from "@/lib/db";
import type { EventOutcome, Prisma } from "@/lib/generated/prisma/client";

export type EventResult = {
  outcome: Exclude<EventOutcome, "PROCESSING">;
  purchaseId?: string;
  error?: string;
  details?: Record<string, unknown>;
};

export type ProcessEventOptions = {
  provider: string;
  eventId: string;
  type: string;
  payload: Prisma.InputJsonValue;
  handle: (tx: Tx, event: { recordId: string }) => Promise<EventResult>;
};

export type ProcessedEventSummary = EventResult & { eventRecordId: string; duplicate: boolean };

type FinalOutcome = "PROCESSED" | "IGNORED" | "UNMATCHED";
const isFinal = (outcome: EventOutcome): outcome is FinalOutcome =>
  outcome === "PROCESSED" || outcome === "IGNORED" || outcome === "UNMATCHED";

export async function processEvent(options: ProcessEventOptions): Promise<ProcessedEventSummary> {
  const { provider, eventId, type, payload, handle } = options;
  return db.$transaction(async (tx) => {
    const inserted = await tx.processedEvent.createMany({
      data: [{ provider, providerEventId: eventId, type, payload }],
      skipDuplicates: true,
    });
    // Lock the row: a concurrent delivery of the same event waits here until we commit.
    const [existing] = await tx.$queryRaw<{ id: string; outcome: EventOutcome; purchaseId: string | null }[]>`
      SELECT id, outcome, "purchaseId" FROM "ProcessedEvent"
      WHERE provider = ${provider} AND "providerEventId" = ${eventId}
      FOR UPDATE`;
    if (!existing) throw new Error(`Event ${provider}/${eventId} vanished while being recorded`);

    if (inserted.count === 0 && isFinal(existing.outcome)) {
      const purchaseId = existing.purchaseId ?? undefined;
      return { outcome: existing.outcome, purchaseId, eventRecordId: existing.id, duplicate: true };
    }

    const result = await handle(tx, { recordId: existing.id });
    await tx.processedEvent.update({
      where: { id: existing.id },
      data: {
        outcome: result.outcome,
        error: result.error ?? null,
        details: (result.details ?? undefined) as Prisma.InputJsonValue | undefined,
        purchaseId: result.purchaseId ?? null,
        processedAt: new Date(),
        ...(inserted.count === 0 ? { attempts: { increment: 1 }, payload } : {}),
      },
    });
    return { ...result, eventRecordId: existing.id, duplicate: false };
  });
}
