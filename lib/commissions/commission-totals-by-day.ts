/**
 * The admin ledger's totals without a referrer filter: every entry of a busy shop, so they are
 * read from "CommissionDay" (per day, currency, stored status and held-for-review, kept by a
 * trigger in the transaction of each change) rather than summed over every entry. Days wholly
 * before the hold cutoff's day are earned, days after it pending; the cutoff's own day is summed
 * over its entries (commissionTotals), so the split is exact to the millisecond.
 */
import { db } from "@/lib/db";
import { createdRange } from "@/lib/commissions/commission-filters-where";
import { commissionTotals, type CommissionTotals } from "@/lib/commissions/commission-totals";
import { ledgerStatusWhere, type LedgerStatus } from "@/lib/commissions/ledger-status";
import type { CommissionFilters } from "@/lib/commissions/schemas";

type DayGroup = {
  currency: string;
  status: "PENDING" | "PAID" | "REVERSED";
  held: boolean;
  beforeCutoff: boolean;
  amount: bigint;
};

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

function emptyTotals(currency: string): CommissionTotals {
  return { currency, pending: 0, earned: 0, paid: 0, reversed: 0, total: 0 };
}

export async function commissionTotalsByDay(
  { status, from, to }: Omit<CommissionFilters, "referrer">,
  earnedCutoff: Date,
): Promise<CommissionTotals[]> {
  const cutoffDay = utcDay(earnedCutoff);
  const cutoffDayStart = new Date(`${cutoffDay}T00:00:00Z`);
  const cutoffDayEnd = new Date(cutoffDayStart.getTime() + 86_400_000);
  const created = createdRange({ from, to });
  const [groups, cutoffDayTotals] = await Promise.all([
    db.$queryRaw<DayGroup[]>`
      SELECT currency, status::text AS status, held, day < ${cutoffDay}::date AS "beforeCutoff",
             sum(amount)::bigint AS amount
      FROM "CommissionDay"
      WHERE day <> ${cutoffDay}::date
        AND (${from ?? null}::date IS NULL OR day >= ${from ?? null}::date)
        AND (${to ?? null}::date IS NULL OR day <= ${to ?? null}::date)
      GROUP BY 1, 2, 3, 4
      HAVING sum(entries) <> 0 OR sum(amount) <> 0`,
    commissionTotals(
      {
        AND: [
          { createdAt: { gte: cutoffDayStart, lt: cutoffDayEnd } },
          ...(created ? [{ createdAt: created }] : []),
          ...(status ? [ledgerStatusWhere(status, earnedCutoff)] : []),
        ],
      },
      earnedCutoff,
    ),
  ]);
  const byCurrency = new Map(cutoffDayTotals.map((totals) => [totals.currency, { ...totals }]));
  for (const group of groups) {
    const shown: LedgerStatus =
      group.status === "PAID"
        ? "paid"
        : group.status === "REVERSED"
          ? "reversed"
          : group.beforeCutoff && !group.held
            ? "earned"
            : "pending";
    if (status && shown !== status) continue;
    const totals = byCurrency.get(group.currency) ?? emptyTotals(group.currency);
    const amount = Number(group.amount);
    totals[shown] += amount;
    if (shown !== "reversed") totals.total += amount;
    byCurrency.set(group.currency, totals);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
