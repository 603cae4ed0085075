import type { Tx } from "@/lib/db";
import { reverseOrderCommissions } from "@/lib/commissions/reverse-order-commissions";
import { revokePurchaseAccess } from "@/lib/access/revoke-purchase-access";
import type { EventResult } from "@/lib/events/process-event";
import { lockPurchase } from "@/lib/purchases/lock-purchase";

export type RefundPurchaseOptions = {
  purchaseId: string;
  cause: string;
  eventRecordId?: string;
  actorId?: string;
};

/**
 * Refunded is final: the purchase and its orders are marked refunded, the access this purchase
 * granted is revoked and the commissions its orders earned are taken back. A refund that arrives before the completion leaves a refunded purchase, so
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
  const orders = await tx.order.findMany({
    where: { purchaseId, status: { in: ["PAID", "PENDING"] } },
    select: { id: true },
  });
  await tx.order.updateMany({
    where: { id: { in: orders.map(({ id }) => id) } },
    data: { status: "REFUNDED" },
  });
  const commissions = await reverseOrderCommissions(
    tx,
    orders.map(({ id }) => id),
  );
  const revoked = await revokePurchaseAccess(tx, options);
  return {
    outcome: "PROCESSED",
    purchaseId,
    details: { communitiesRevoked: revoked, commissions },
  };
}
