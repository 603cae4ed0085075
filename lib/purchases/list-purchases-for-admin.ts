import { db } from "@/lib/db";
import type { Prisma, PurchaseStatus } from "@/lib/generated/prisma/client";
import { cappedCount, keysetPage, type KeysetQuery } from "@/lib/http/keyset-paging";

/**
 * The cursor and size as the edge's zod schema (lib/admin/schemas.ts adminPurchaseQuery) already
 * bounded them, and the optional filters.
 */
export type ListPurchasesForAdminOptions = Pick<KeysetQuery, "after" | "before" | "pageSize"> & {
  status?: PurchaseStatus;
  offeringId?: string;
  /** Part of the buyer's email, any case. */
  email?: string;
};

function filterWhere({ status, offeringId, email }: ListPurchasesForAdminOptions) {
  return {
    ...(status ? { status } : {}),
    ...(offeringId ? { offeringId } : {}),
    ...(email ? { user: { email: { contains: email, mode: "insensitive" } } } : {}),
  } satisfies Prisma.PurchaseWhereInput;
}

/**
 * One filtered page of every user's purchases, newest first, with only what the admin list
 * shows; the filters and the paging run in the database, on the indexes that lead with status,
 * offering or creation time (then id), so a page deep in a million rows costs what the first
 * costs. The amount is the newest order's: the price the buyer was asked for, copied when the
 * order was made. The total is counted up to COUNT_CAP.
 */
export async function listPurchasesForAdmin(options: ListPurchasesForAdminOptions) {
  const { after, before, pageSize } = options;
  const where = filterWhere(options);
  // Side by side on two pooled connections, not in a batch transaction: in one, Prisma fetched
  // the page's relations concurrently on the transaction's single connection, which pg deprecates
  // ("client is already executing a query"). A transaction gave no common snapshot anyway (READ
  // COMMITTED takes one per statement).
  const read = (
    window: Prisma.PurchaseWhereInput,
    orderBy: Prisma.PurchaseOrderByWithRelationInput[],
    take: number,
  ) =>
    db.purchase.findMany({
      where: { AND: [where, window] },
      orderBy,
      take,
      select: {
        id: true,
        status: true,
        createdAt: true,
        accessGrantedAt: true,
        expiresAt: true,
        refundedAt: true,
        user: { select: { id: true, email: true } },
        offering: { select: { id: true, name: true } },
        orders: {
          orderBy: { createdAt: "desc" },
          take: 1,
          select: { amount: true, currency: true },
        },
      },
    });
  const [page, total] = await Promise.all([
    keysetPage({
      field: "createdAt",
      position: { after, before },
      pageSize,
      read,
      cursorOf: (row) => ({ at: row.createdAt, id: row.id }),
    }),
    cappedCount((take) => db.purchase.count({ where, take })),
  ]);
  const items = page.items.map(({ user, offering, orders, ...purchase }) => ({
    ...purchase,
    userId: user.id,
    userEmail: user.email,
    offeringId: offering.id,
    offeringName: offering.name,
    amount: orders[0]?.amount ?? null,
    currency: orders[0]?.currency ?? null,
  }));
  return { items, total, next: page.next, previous: page.previous, pageSize };
}

export type AdminPurchaseRow = Awaited<ReturnType<typeof listPurchasesForAdmin>>["items"][number];
