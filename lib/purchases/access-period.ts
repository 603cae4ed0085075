import { addBillingPeriod } from "@/lib/calendar/add-billing-period";
import type { PricingType } from "@/lib/generated/prisma/client";

const DAY_MS = 24 * 60 * 60 * 1000;

export type AccessTerms = { accessDurationDays: number | null; pricingType: PricingType };

/**
 * When access bought at `start` ends: after the offering's access duration if it has one; else,
 * for a monthly or yearly offering paid through an external link, after one calendar period
 * (clamped to the month's end, as Stripe bills);
 * else never (null). Renewals extend by it; a first payment's end is complete_purchase's
 * (prisma/functions/complete_purchase.sql), from the same terms and calendarPeriodsFrom (lib/calendar).
 */
export function accessEndFrom(start: Date, terms: AccessTerms): Date | null {
  if (terms.accessDurationDays)
    return new Date(start.getTime() + terms.accessDurationDays * DAY_MS);
  if (terms.pricingType === "ONE_TIME") return null;
  return addBillingPeriod(start, terms.pricingType === "MONTHLY" ? "month" : "year");
}
