/**
 * Calendar billing periods, as Stripe counts them: a month or a year later on the UTC calendar,
 * the day of month clamped to the target month's last day (Jan 31 + 1 month = Feb 28, or Feb 29
 * in a leap year; Feb 29 + 1 year = Feb 28), the time of day kept.
 *
 * The one implementation used by the app, the Stripe sandbox (packages/stripe-sandbox) and the
 * tests. It imports nothing from the app, so the sandbox may import it without depending on it.
 * Successive periods of a subscription are counted from its anchor (`count` periods after it),
 * not chained, so Jan 31 → Feb 28 → Mar 31.
 *
 * date-fns by function (`date-fns/addMonths`), not from its index: Node loads the sandbox's
 * modules one by one at `npm run dev`, and the index is some 250 files (1.5 s of CPU there).
 */
import { UTCDate } from "@date-fns/utc";
import { addMonths } from "date-fns/addMonths";
import { addYears } from "date-fns/addYears";

export type CalendarInterval = "month" | "year";

/** `count` months or years after `date`, on the UTC calendar, clamped to the month's end. */
export function addBillingPeriod(date: Date, interval: CalendarInterval, count = 1): Date {
  const utc = new UTCDate(date.getTime());
  const end = interval === "month" ? addMonths(utc, count) : addYears(utc, count);
  return new Date(end.getTime());
}

/**
 * The moment a payment is applied and the calendar periods after it, as the SQL function
 * complete_purchase takes them: it knows the offering's terms, date-fns the calendar.
 */
export function calendarPeriodsFrom(now: Date) {
  return {
    now,
    monthLater: addBillingPeriod(now, "month"),
    yearLater: addBillingPeriod(now, "year"),
  };
}
