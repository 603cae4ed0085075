import { db } from "@/lib/db";
import type { EventOutcome, Prisma } from "@/lib/generated/prisma/client";
import { redactSecrets } from "@/lib/redact-secrets";

/** An event is a dead letter once it has failed this many times and is still failed. */
export const DEAD_LETTER_ATTEMPTS = 3;

export type ListEventsOptions = {
  page: number;
  pageSize: number;
  outcome?: EventOutcome;
  /** Only the dead letters: failed DEAD_LETTER_ATTEMPTS times or more, and still failed. */
  dead?: boolean;
};

/**
 * The webhook deliveries we recorded, newest first: what each was, how it ended and why, so an
 * amount mismatch or an event that matched no order is in front of an admin, not in a log.
 */
export async function listEventsForAdmin({ page, pageSize, outcome, dead }: ListEventsOptions) {
  const where: Prisma.ProcessedEventWhereInput = dead
    ? { outcome: "FAILED", attempts: { gte: DEAD_LETTER_ATTEMPTS } }
    : outcome
      ? { outcome }
      : {};
  const [items, total] = await Promise.all([
    db.processedEvent.findMany({
      where,
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
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
    }),
    db.processedEvent.count({ where }),
  ]);
  // The list shows payloads too: the same redaction as the event page.
  const redacted = items.map((item) => ({
    ...item,
    payload: redactSecrets(item.payload),
    details: redactSecrets(item.details),
  }));
  return { items: redacted, total, page, pageSize };
}

export type AdminEventRow = Awaited<ReturnType<typeof listEventsForAdmin>>["items"][number];
