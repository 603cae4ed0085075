import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { heldForReviewWhere, type LedgerStatus } from "@/lib/commissions/ledger-status";

export type CommissionTotals = Record<LedgerStatus, number> & {
  currency: string;
  /** Everything owed or paid: every status but reversed (adjustments are negative). */
  total: number;
};

/**
 * Sums of the entries matching `where`, per currency and per shown status, in minor units.
 * Two grouped queries (entries older than the hold cutoff, and newer or held) split PENDING into
 * earned and pending in the database, so the work does not grow with the number of entries.
 */
export async function commissionTotals(
  where: Prisma.CommissionWhereInput,
  earnedCutoff: Date,
): Promise<CommissionTotals[]> {
  const group = (split: Prisma.CommissionWhereInput) =>
    db.commission.groupBy({
      by: ["status", "currency"],
      where: { AND: [where, split] },
      _sum: { amount: true },
    });
  // PENDING entries past the hold are earned, unless held for review (a possible self-referral).
  const [older, newer] = await Promise.all([
    group({ createdAt: { lte: earnedCutoff }, NOT: heldForReviewWhere }),
    group({ OR: [{ createdAt: { gt: earnedCutoff } }, heldForReviewWhere] }),
  ]);
  const byCurrency = new Map<string, CommissionTotals>();
  const add = (rows: typeof older, pendingMeans: LedgerStatus) => {
    for (const row of rows) {
      const totals = byCurrency.get(row.currency) ?? {
        currency: row.currency,
        pending: 0,
        earned: 0,
        paid: 0,
        reversed: 0,
        total: 0,
      };
      const status: LedgerStatus =
        row.status === "PENDING" ? pendingMeans : row.status === "PAID" ? "paid" : "reversed";
      const amount = row._sum.amount ?? 0;
      totals[status] += amount;
      if (status !== "reversed") totals.total += amount;
      byCurrency.set(row.currency, totals);
    }
  };
  add(older, "earned");
  add(newer, "pending");
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
