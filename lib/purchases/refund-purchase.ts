import type { Tx } from "@/lib/db";
import { revokePurchaseAccess } from "@/lib/access/revoke-purchase-access";
import type { EventResult } from "@/lib/payments/process-event";
import { lockPurchase } from "@/lib/purchases/lock-purchase";

export type RefundPurchaseOptions = {
  purchaseId: string;
  cause: string;
  eventRecordId?: string;
  actorId?: string;
};

/**
 * Refunded is final: the purchase and its orders are marked refunded and the access this purchase
 * granted is revoked. A refund that arrives before the completion leaves a refunded purchase, so
 * the completion, when it comes, grants nothing.
 */
export async function refundPurchase(tx: Tx, options: RefundPurchaseOptions): Promise<EventResult> {
  const { purchaseId } = options;
  const purchase = await lockPurchase(tx, purchaseId);
  if (!purchase) return { outcome: "FAILED", error: "purchase_not_found" };
  if (purchase.status === "REFUNDED") {
    return { outcome: "PROCESSED", purchaseId, details: { note: "already_refunded" } };
  }
  await tx.purchase.update({
    where: { id: purchaseId },
    data: { status: "REFUNDED", refundedAt: new Date() },
  });
  await tx.order.updateMany({
    where: { purchaseId, status: { in: ["PAID", "PENDING"] } },
    data: { status: "REFUNDED" },
  });
  const revoked = await revokePurchaseAccess(tx, options);
  return { outcome: "PROCESSED", purchaseId, details: { communitiesRevoked: revoked } };
}
