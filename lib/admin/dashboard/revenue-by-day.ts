import { daysBetween } from "@/lib/admin/calendar-day";
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

type DayRow = { day: string; currency: string; orders: number; gross: bigint; refunded: bigint };

/**
 * Revenue per day (UTC) and currency over the range, both days included. Gross: orders paid
 * that day (those refunded since included) and their count. Refunded: the paid orders of
 * purchases refunded that day. Net: gross minus refunded, so a day of refunds can be negative.
 * Read from "RevenueDay", which triggers on "Order" and "Purchase" keep equal to those sums in
 * the transaction of every change (prisma/functions/revenue_day_*.sql): a few rows a day,
 * however many orders there are.
 */
export async function revenueByDay({ from, to }: DayRange): Promise<CurrencyRevenue[]> {
  const rows = await db.$queryRaw<DayRow[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, currency,
           sum(orders)::int AS orders, sum(gross)::bigint AS gross, sum(refunded)::bigint AS refunded
    FROM "RevenueDay"
    WHERE day >= ${from}::date AND day <= ${to}::date
    GROUP BY day, currency
    HAVING sum(orders) <> 0 OR sum(gross) <> 0 OR sum(refunded) <> 0`;
  const paid = rows.filter((row) => row.orders !== 0 || row.gross !== 0n);
  const refunds = rows.filter((row) => row.refunded !== 0n);

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
