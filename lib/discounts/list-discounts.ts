import { db } from "@/lib/db";

/**
 * Every promotion code for Admin → Discounts, newest first, with the offerings it is limited to
 * and how often it was used: paid orders that carry it.
 */
export async function listDiscounts() {
  const discounts = await db.discount.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      code: true,
      percentOff: true,
      amountOff: true,
      currency: true,
      duration: true,
      durationInMonths: true,
      maxRedemptions: true,
      expiresAt: true,
      active: true,
      stripePromotionCodeId: true,
      createdAt: true,
      offerings: { select: { offering: { select: { id: true, name: true } } } },
    },
  });
  const used = await db.order.groupBy({
    by: ["discountId"],
    where: {
      discountId: { in: discounts.map(({ id }) => id) },
      status: { in: ["PAID", "REFUNDED"] },
    },
    _count: { _all: true },
  });
  const redemptions = new Map(used.map((row) => [row.discountId, row._count._all]));
  return discounts.map(({ offerings, ...discount }) => ({
    ...discount,
    offerings: offerings.map((entry) => entry.offering),
    redemptions: redemptions.get(discount.id) ?? 0,
  }));
}

export type DiscountRow = Awaited<ReturnType<typeof listDiscounts>>[number];

/** The offerings a code may be limited to, for the form. */
export function listDiscountableOfferings() {
  return db.offering.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, channel: true },
  });
}
