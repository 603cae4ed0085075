import { addDays, daysBetween, startOfDay } from "@/lib/admin/calendar-day";
import type { DayRange } from "@/lib/admin/dashboard/schemas";
import { db } from "@/lib/db";

export type RevenueDay = {
  day: string;
  gross: number;
  refunded: number;
  net: number;
  orders: number;
};

/** One currency's figures: amounts in that currency's minor units, never mixed with another. */
export type CurrencyRevenue = {
  currency: string;
  gross: number;
  refunded: number;
  net: number;
  orders: number;
  days: RevenueDay[];
};

type PaidRow = { day: string; currency: string; orders: number; gross: bigint };
type RefundedRow = { day: string; currency: string; refunded: bigint };

/**
 * Revenue per day (UTC) and currency over the range, both days included. Gross: orders paid
 * that day (those refunded since included) and their count. Refunded: the paid orders of
 * purchases refunded that day. Net: gross minus refunded, so a day of refunds can be negative.
 * Summed in SQL on the indexed "Order"."paidAt" and "Purchase"."refundedAt".
 */
export async function revenueByDay({ from, to }: DayRange): Promise<CurrencyRevenue[]> {
  const start = startOfDay(from);
  const end = startOfDay(addDays(to, 1));
  const [paid, refunds] = await Promise.all([
    db.$queryRaw<PaidRow[]>`
      SELECT to_char(date_trunc('day', "paidAt"), 'YYYY-MM-DD') AS day,
             lower(currency) AS currency,
             count(*)::int AS orders,
             sum(amount)::bigint AS gross
      FROM "Order"
      WHERE "paidAt" >= ${start} AND "paidAt" < ${end} AND status IN ('PAID', 'REFUNDED')
      GROUP BY 1, 2`,
    db.$queryRaw<RefundedRow[]>`
      SELECT to_char(date_trunc('day', p."refundedAt"), 'YYYY-MM-DD') AS day,
             lower(o.currency) AS currency,
             sum(o.amount)::bigint AS refunded
      FROM "Purchase" p
      JOIN "Order" o ON o."purchaseId" = p.id
      WHERE p."refundedAt" >= ${start} AND p."refundedAt" < ${end}
        AND o.status = 'REFUNDED' AND o."paidAt" IS NOT NULL
      GROUP BY 1, 2`,
  ]);

  const currencies = [...new Set([...paid, ...refunds].map((row) => row.currency))].sort();
  const key = (currency: string, day: string) => `${currency} ${day}`;
  const paidBy = new Map(paid.map((row) => [key(row.currency, row.day), row]));
  const refundedBy = new Map(refunds.map((row) => [key(row.currency, row.day), row.refunded]));
  const days = daysBetween(from, to);

  return currencies.map((currency) => {
    const series = days.map((day): RevenueDay => {
      const paidRow = paidBy.get(key(currency, day));
      const gross = Number(paidRow?.gross ?? 0);
      const refunded = Number(refundedBy.get(key(currency, day)) ?? 0);
      return { day, gross, refunded, net: gross - refunded, orders: paidRow?.orders ?? 0 };
    });
    const total = (field: "gross" | "refunded" | "net" | "orders") =>
      series.reduce((sum, day) => sum + day[field], 0);
    return {
      currency,
      gross: total("gross"),
      refunded: total("refunded"),
      net: total("net"),
      orders: total("orders"),
      days: series,
    };
  });
}
