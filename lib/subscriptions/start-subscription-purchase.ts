import type { Tx } from "@/lib/db";

/**
 * A subscription that Stripe reports live (active, trialing, or an invoice paid) makes its
 * purchase succeed, once: a pending or failed purchase moves forward; a refunded one stays.
 */
export async function startSubscriptionPurchase(tx: Tx, purchaseId: string): Promise<boolean> {
  const now = new Date();
  const started = await tx.purchase.updateMany({
    where: { id: purchaseId, status: { in: ["PENDING", "FAILED", "EXPIRED"] } },
    data: { status: "SUCCEEDED", accessGrantedAt: now },
  });
  return started.count > 0;
}
