import { db } from "@/lib/db";
import { commissionFiltersWhere } from "@/lib/commissions/commission-filters-where";
import { earnedBefore, getCommissionRules } from "@/lib/commissions/commission-rules";
import { commissionTotals } from "@/lib/commissions/commission-totals";
import { heldForReview, ledgerStatus } from "@/lib/commissions/ledger-status";
import type { AdminCommissionQuery } from "@/lib/commissions/schemas";

export type ListCommissionsForAdminOptions = AdminCommissionQuery & { now?: Date };

/** One filtered page of every commission entry, newest first, with the filtered set's totals. */
export async function listCommissionsForAdmin({
  page,
  pageSize,
  now,
  ...filters
}: ListCommissionsForAdminOptions) {
  const earnedCutoff = earnedBefore(await getCommissionRules(), now);
  const where = commissionFiltersWhere(filters, earnedCutoff);
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
    }),
    db.commission.count({ where }),
    commissionTotals(where, earnedCutoff),
  ]);
  const items = rows.map(({ beneficiary, order, payout, ...entry }) => ({
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
  return { items, total, page, pageSize, totals };
}

export type AdminCommissionRow = Awaited<
  ReturnType<typeof listCommissionsForAdmin>
>["items"][number];
