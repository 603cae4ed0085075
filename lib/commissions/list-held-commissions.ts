import { db } from "@/lib/db";
import { heldForReviewWhere } from "@/lib/commissions/ledger-status";

export type ListHeldCommissionsOptions = { limit?: number };

/** Pending entries held as possible self-referrals, oldest first: what waits for an admin. */
export async function listHeldCommissions({ limit = 50 }: ListHeldCommissionsOptions = {}) {
  const where = { status: "PENDING" as const, ...heldForReviewWhere };
  const [rows, total] = await Promise.all([
    db.commission.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: {
        id: true,
        amount: true,
        currency: true,
        level: true,
        createdAt: true,
        reviewFlags: true,
        beneficiary: { select: { email: true } },
        order: {
          select: { user: { select: { email: true } }, offering: { select: { name: true } } },
        },
      },
    }),
    db.commission.count({ where }),
  ]);
  const items = rows.map(({ beneficiary, order, ...entry }) => ({
    ...entry,
    referrerEmail: beneficiary.email,
    buyerEmail: order.user.email,
    offeringName: order.offering.name,
  }));
  return { items, total };
}

export type HeldCommissionRow = Awaited<ReturnType<typeof listHeldCommissions>>["items"][number];
