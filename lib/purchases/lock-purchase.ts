import type { Tx } from "@/lib/db";
import type { PurchaseStatus } from "@/lib/generated/prisma/client";

export type LockedPurchase = { id: string; status: PurchaseStatus; userId: string; offeringId: string };

/**
 * Locks one purchase row for the rest of the transaction, so that every path that can move it
 * (webhooks, async events, the return page, an admin refund) takes its turn.
 */
export async function lockPurchase(tx: Tx, purchaseId: string): Promise<LockedPurchase | null> {
  const [purchase] = await tx.$queryRaw<LockedPurchase[]>`
    SELECT id, status, "userId", "offeringId" FROM "Purchase" WHERE id = ${purchaseId} FOR UPDATE`;
  return purchase ?? null;
}
