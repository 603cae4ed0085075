import { addDays, startOfDay } from "@/lib/admin/calendar-day";
import type { DayRange } from "@/lib/admin/dashboard/schemas";
import { db } from "@/lib/db";

/**
 * Webhook deliveries received in the range that failed or matched no purchase: what an admin
 * should look at. Counted in SQL on the (outcome, receivedAt) index.
 */
export async function countProblemEvents({ from, to }: DayRange) {
  const groups = await db.processedEvent.groupBy({
    by: ["outcome"],
    where: {
      outcome: { in: ["FAILED", "UNMATCHED"] },
      receivedAt: { gte: startOfDay(from), lt: startOfDay(addDays(to, 1)) },
    },
    _count: { _all: true },
  });
  const count = (outcome: string) =>
    groups.find((group) => group.outcome === outcome)?._count._all ?? 0;
  return { failed: count("FAILED"), unmatched: count("UNMATCHED") };
}
