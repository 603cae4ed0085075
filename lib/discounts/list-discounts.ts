import { db } from "@/lib/db";
import { countRedemptions } from "@/lib/discounts/count-redemptions";

/**
 * Every promotion code for Admin → Discounts, newest first, with the offerings it is limited to
 * and how often it was used (count-redemptions.ts).
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
  const redemptions = await countRedemptions(
    db,
    discounts.map(({ id }) => id),
  );
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
