import { db } from "@/lib/db";
import { purchasesGivingAccess } from "@/lib/access/active-access";
import type { PageQuery } from "@/lib/http/paging";

/** What a buyer sees of one of their purchases. */
export const buyerPurchaseSelect = {
  id: true,
  status: true,
  createdAt: true,
  accessGrantedAt: true,
  expiresAt: true,
  refundedAt: true,
  offering: { select: { id: true, name: true, pricingType: true } },
  orders: {
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      amount: true,
      currency: true,
      status: true,
      refundedAmount: true,
      discountCode: true,
      discountAmount: true,
      provider: true,
      paidAt: true,
      createdAt: true,
    },
  },
} as const;

export type ListUserPurchasesOptions = PageQuery & { userId: string };

/** A user's own purchases, newest first, with their orders; never anyone else's. */
export async function listUserPurchases({ userId, page, pageSize }: ListUserPurchasesOptions) {
  const [items, total] = await Promise.all([
    db.purchase.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: buyerPurchaseSelect,
    }),
    db.purchase.count({ where: { userId } }),
  ]);
  const withAccess = await purchasesGivingAccess(items.map(({ id }) => id));
  return {
    items: items.map((purchase) => ({ ...purchase, accessActive: withAccess.has(purchase.id) })),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}
