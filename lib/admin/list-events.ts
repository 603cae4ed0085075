import { db } from "@/lib/db";
import type { EventOutcome } from "@/lib/generated/prisma/client";

export type ListEventsOptions = { page: number; pageSize: number; outcome?: EventOutcome };

/**
 * The webhook deliveries we recorded, newest first: what each was, how it ended and why, so an
 * amount mismatch or an event that matched no order is in front of an admin, not in a log.
 */
export async function listEventsForAdmin({ page, pageSize, outcome }: ListEventsOptions) {
  const where = outcome ? { outcome } : {};
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
  return { items, total, page, pageSize };
}

export type AdminEventRow = Awaited<ReturnType<typeof listEventsForAdmin>>["items"][number];
