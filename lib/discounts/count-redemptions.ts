import type { db, Tx } from "@/lib/db";

/**
 * How often each code was redeemed: purchases with a paid (or since refunded) order carrying it.
 * A subscription's renewals under one code count once, as Stripe counts one redemption.
 */
export async function countRedemptions(client: Tx | typeof db, discountIds: string[]) {
  const used = await client.order.findMany({
    where: { discountId: { in: discountIds }, status: { in: ["PAID", "REFUNDED"] } },
    distinct: ["discountId", "purchaseId"],
    select: { discountId: true },
  });
  const counts = new Map<string, number>();
  for (const { discountId } of used)
    if (discountId) counts.set(discountId, (counts.get(discountId) ?? 0) + 1);
  return counts;
}
