/** The dashboard's date range: `?from=&to=` days in UTC, the last 30 days by default. */
import { z } from "zod";
import { addDays, calendarDay, daysBetween, toDay } from "@/lib/admin/calendar-day";

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;

export type DayRange = { from: string; to: string };

/** A bad or missing day means the default, not an error page. */
export const dashboardQuery = z.object({
  from: calendarDay.optional().catch(undefined),
  to: calendarDay.optional().catch(undefined),
});

/**
 * The range to show: `to` defaults to today, `from` to 29 days before `to`; days given the wrong
 * way round are swapped, and a range longer than a year keeps its last year.
 */
export function dashboardRange(query: unknown, now = new Date()): DayRange {
  const parsed = dashboardQuery.parse(query);
  let to = parsed.to ?? toDay(now);
  let from = parsed.from ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
  if (from > to) [from, to] = [to, from];
  if (daysBetween(from, to).length > MAX_RANGE_DAYS) from = addDays(to, 1 - MAX_RANGE_DAYS);
  return { from, to };
}
