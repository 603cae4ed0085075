import { db } from "@/lib/db";
import type { PageQuery } from "@/lib/purchases/schemas";

/** Page and size as the edge's zod schema (lib/admin/schemas.ts pageQuery) already bounded them. */
export type ListPurchasesForAdminOptions = PageQuery;

/**
 * One page of every user's purchases, newest first, with only what the admin list shows. The
 * amount is the newest order's: the price the buyer was asked for, copied when the order was made.
 */
export async function listPurchasesForAdmin({ page, pageSize }: ListPurchasesForAdminOptions) {
  const [rows, total] = await db.$transaction([
    db.purchase.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        status: true,
        createdAt: true,
        accessGrantedAt: true,
        expiresAt: true,
        refundedAt: true,
        user: { select: { email: true } },
        offering: { select: { id: true, name: true } },
        orders: {
          orderBy: { createdAt: "desc" },
          take: 1,
          select: { amount: true, currency: true },
        },
      },
    }),
    db.purchase.count(),
  ]);
  const items = rows.map(({ user, offering, orders, ...purchase }) => ({
    ...purchase,
    userEmail: user.email,
    offeringId: offering.id,
    offeringName: offering.name,
    amount: orders[0]?.amount ?? null,
    currency: orders[0]?.currency ?? null,
  }));
  return { items, total, page, pageSize };
}

export type AdminPurchaseRow = Awaited<ReturnType<typeof listPurchasesForAdmin>>["items"][number];
