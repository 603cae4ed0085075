import { db } from "@/lib/db";
import type { EventOutcome, Prisma } from "@/lib/generated/prisma/client";
import { cappedCount, keysetPage, type KeysetQuery } from "@/lib/http/keyset-paging";
import { redactSecrets } from "@/lib/redact-secrets";

/** An event is a dead letter once it has failed this many times and is still failed. */
export const DEAD_LETTER_ATTEMPTS = 3;

export type ListEventsOptions = Pick<KeysetQuery, "after" | "before" | "pageSize"> & {
  outcome?: EventOutcome;
  /** Only the dead letters: failed DEAD_LETTER_ATTEMPTS times or more, and still failed. */
  dead?: boolean;
};

/**
 * The webhook deliveries we recorded, newest first: what each was, how it ended and why, so an
 * amount mismatch or an event that matched no order is in front of an admin, not in a log.
 * Paged by (receivedAt, id) cursor; the total is counted up to COUNT_CAP.
 */
export async function listEventsForAdmin({
  after,
  before,
  pageSize,
  outcome,
  dead,
}: ListEventsOptions) {
  const where: Prisma.ProcessedEventWhereInput = dead
    ? { outcome: "FAILED", attempts: { gte: DEAD_LETTER_ATTEMPTS } }
    : outcome
      ? { outcome }
      : {};
  const read = (
    window: Prisma.ProcessedEventWhereInput,
    orderBy: Prisma.ProcessedEventOrderByWithRelationInput[],
    take: number,
  ) =>
    db.processedEvent.findMany({
      where: { AND: [where, window] },
      orderBy,
      take,
      select: {
        id: true,
        provider: true,
        providerEventId: true,
        type: true,
        outcome: true,
        error: true,
        details: true,
        payload: true,
        attempts: true,
        purchaseId: true,
        receivedAt: true,
        processedAt: true,
      },
    });
  const [page, total] = await Promise.all([
    keysetPage({
      field: "receivedAt",
      position: { after, before },
      pageSize,
      read,
      cursorOf: (row) => ({ at: row.receivedAt, id: row.id }),
    }),
    cappedCount((take) => db.processedEvent.count({ where, take })),
  ]);
  // The list shows payloads too: the same redaction as the event page.
  const redacted = page.items.map((item) => ({
    ...item,
    payload: redactSecrets(item.payload),
    details: redactSecrets(item.details),
  }));
  return { items: redacted, total, next: page.next, previous: page.previous, pageSize };
}

export type AdminEventRow = Awaited<ReturnType<typeof listEventsForAdmin>>["items"][number];
