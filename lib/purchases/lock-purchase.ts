import type { Tx } from "@/lib/db";
import type { PricingType, PurchaseStatus } from "@/lib/generated/prisma/client";

export type LockedPurchase = {
  id: string;
  status: PurchaseStatus;
  userId: string;
  offeringId: string;
  accessDurationDays: number | null;
  pricingType: PricingType;
  expiresAt: Date | null;
  referrerId: string | null;
};

/**
 * Locks one purchase row for the rest of the transaction, so that every path that can move it
 * (webhooks, async events, the return page, an admin refund) takes its turn. It brings the
 * offering's access terms along, which completing or renewing a purchase needs.
 */
export async function lockPurchase(tx: Tx, purchaseId: string): Promise<LockedPurchase | null> {
  const [purchase] = await tx.$queryRaw<LockedPurchase[]>`
    SELECT p.id, p.status, p."userId", p."offeringId", p."expiresAt", p."referrerId", o."accessDurationDays", o."pricingType"
    FROM "Purchase" p JOIN "Offering" o ON o.id = p."offeringId"
    WHERE p.id = ${purchaseId}
    FOR UPDATE OF p`;
  return purchase ?? null;
}
