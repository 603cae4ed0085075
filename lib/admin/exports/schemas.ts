/** What the CSV export routes accept. */
import { z } from "zod";
import { addDays, calendarDay, startOfDay } from "@/lib/admin/calendar-day";

export const exportKinds = ["orders", "purchases", "commissions"] as const;
export type ExportKind = (typeof exportKinds)[number];

export const exportKind = z.enum(exportKinds);

/** Orders and purchases created from `from` to `to` (days in UTC, both inclusive, optional). */
export const createdDaysQuery = z.object({
  from: calendarDay.optional().catch(undefined),
  to: calendarDay.optional().catch(undefined),
});
export type CreatedDaysQuery = z.infer<typeof createdDaysQuery>;

/** The query as a Prisma filter on createdAt. */
export function createdWithin({ from, to }: CreatedDaysQuery) {
  if (!from && !to) return {};
  return {
    createdAt: {
      ...(from ? { gte: startOfDay(from) } : {}),
      ...(to ? { lt: startOfDay(addDays(to, 1)) } : {}),
    },
  };
}

/** "orders-2026-11-25.csv", dated the day the file was made. */
export function exportFilename(name: string, now = new Date()): string {
  return `${name}-${now.toISOString().slice(0, 10)}.csv`;
}
