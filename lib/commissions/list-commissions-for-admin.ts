import { db } from "@/lib/db";
import { commissionFiltersWhere } from "@/lib/commissions/commission-filters-where";
import { earnedBefore, getCommissionRules } from "@/lib/commissions/commission-rules";
import { commissionTotals } from "@/lib/commissions/commission-totals";
import { commissionTotalsByDay } from "@/lib/commissions/commission-totals-by-day";
import { heldForReview, ledgerStatus } from "@/lib/commissions/ledger-status";
import type { AdminCommissionQuery } from "@/lib/commissions/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cappedCount, keysetPage } from "@/lib/http/keyset-paging";

export type ListCommissionsForAdminOptions = AdminCommissionQuery & { now?: Date };

/**
 * One filtered page of every commission entry, newest first (by (createdAt, id) cursor), with
 * the filtered set's totals; the number of entries is counted up to COUNT_CAP.
 */
export async function listCommissionsForAdmin({
  after,
  before,
  pageSize,
  now,
  ...filters
}: ListCommissionsForAdminOptions) {
  const earnedCutoff = earnedBefore(await getCommissionRules(), now);
  const where = commissionFiltersWhere(filters, earnedCutoff);
  const read = (
    window: Prisma.CommissionWhereInput,
    orderBy: Prisma.CommissionOrderByWithRelationInput[],
    take: number,
  ) =>
    db.commission.findMany({
      where: { AND: [where, window] },
      orderBy,
      take,
      select: {
        id: true,
        level: true,
        kind: true,
        amount: true,
        currency: true,
        rateBps: true,
        status: true,
        createdAt: true,
        reviewFlags: true,
        approvedAt: true,
        beneficiary: { select: { id: true, email: true } },
        order: {
          select: {
            user: { select: { id: true, email: true } },
            offering: { select: { name: true } },
          },
        },
        payout: { select: { reference: true } },
      },
    });
  const [page, total, totals] = await Promise.all([
    keysetPage({
      field: "createdAt",
      position: { after, before },
      pageSize,
      read,
      cursorOf: (row) => ({ at: row.createdAt, id: row.id }),
    }),
    cappedCount((take) => db.commission.count({ where, take })),
    // Without a referrer the totals cover every entry: read them from the per-day summary.
    filters.referrer
      ? commissionTotals(where, earnedCutoff)
      : commissionTotalsByDay(filters, earnedCutoff),
  ]);
  const items = page.items.map(({ beneficiary, order, payout, ...entry }) => ({
    ...entry,
    shownStatus: ledgerStatus(entry, earnedCutoff),
    heldForReview: heldForReview(entry),
    referrerId: beneficiary.id,
    referrerEmail: beneficiary.email,
    buyerId: order.user.id,
    buyerEmail: order.user.email,
    offeringName: order.offering.name,
    payoutReference: payout?.reference ?? null,
  }));
  return { items, total, next: page.next, previous: page.previous, pageSize, totals };
}

export type AdminCommissionRow = Awaited<
  ReturnType<typeof listCommissionsForAdmin>
>["items"][number];
