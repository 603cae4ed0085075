import { db } from "@/lib/db";
import { earnedBefore, getCommissionRules } from "@/lib/commissions/commission-rules";
import { commissionTotals } from "@/lib/commissions/commission-totals";
import { ledgerStatus } from "@/lib/commissions/ledger-status";

export type ListUserCommissionsOptions = {
  userId: string;
  page: number;
  pageSize: number;
  now?: Date;
};

/**
 * A referrer's own ledger: their entries, newest first, and totals per status and currency.
 * Only what the referrer may see: the offering, the level and the amount, never the buyer.
 */
export async function listUserCommissions({
  userId,
  page,
  pageSize,
  now,
}: ListUserCommissionsOptions) {
  const rules = await getCommissionRules();
  const earnedCutoff = earnedBefore(rules, now);
  const where = { beneficiaryId: userId };
  const [rows, total, totals] = await Promise.all([
    db.commission.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        level: true,
        kind: true,
        amount: true,
        currency: true,
        status: true,
        createdAt: true,
        reviewFlags: true,
        approvedAt: true,
        order: { select: { offering: { select: { name: true } } } },
      },
    }),
    db.commission.count({ where }),
    commissionTotals(where, earnedCutoff),
  ]);
  // A held entry shows as pending to its referrer; why it is held is for the admin.
  const items = rows.map(({ order, reviewFlags, approvedAt, ...entry }) => ({
    ...entry,
    shownStatus: ledgerStatus({ ...entry, reviewFlags, approvedAt }, earnedCutoff),
    offeringName: order.offering.name,
  }));
  return { items, total, page, pageSize, totals, holdDays: rules.holdDays };
}

export type UserCommissionRow = Awaited<ReturnType<typeof listUserCommissions>>["items"][number];
