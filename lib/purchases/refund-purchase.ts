import type { Tx } from "@/lib/db";
import { adjustRefundedOrderCommissions } from "@/lib/commissions/adjust-refunded-order-commissions";
import { revokePurchaseAccess } from "@/lib/access/revoke-purchase-access";
import type { EventResult } from "@/lib/events/process-event";
import { lockPurchase } from "@/lib/purchases/lock-purchase";

export type RefundPurchaseOptions = {
  purchaseId: string;
  cause: string;
  eventRecordId?: string;
  actorId?: string;
  /**
   * The order whose payment was given back. Only it (and orders never paid) is marked refunded;
   * the purchase's other paid orders (a subscription's earlier invoices) stay as they were.
   * Without it (a provider that names no order), every paid or pending order is marked.
   */
  orderId?: string;
};

/**
 * Refunded is final: the purchase and the refunded order are marked refunded, the access this
 * purchase granted is revoked and the commissions the order earned are taken back (whatever a
 * partial refund took already included). A refund that arrives before the completion leaves a
 * refunded purchase, so the completion, when it comes, grants nothing.
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
    where: options.orderId
      ? { purchaseId, OR: [{ id: options.orderId }, { status: "PENDING" }] }
      : { purchaseId, status: { in: ["PAID", "PENDING"] } },
    select: { id: true, amount: true },
  });
  for (const order of orders) {
    await tx.order.update({
      where: { id: order.id },
      data: { status: "REFUNDED", refundedAmount: order.amount },
    });
  }
  const commissions = { reversed: 0, adjusted: 0, settled: 0 };
  for (const order of orders) {
    const taken = await adjustRefundedOrderCommissions(tx, {
      orderId: order.id,
      orderAmount: order.amount,
      refundedAmount: order.amount,
    });
    commissions.reversed += taken.reversed;
    commissions.adjusted += taken.adjusted;
    commissions.settled += taken.settled;
  }
  const revoked = await revokePurchaseAccess(tx, options);
  return {
    outcome: "PROCESSED",
    purchaseId,
    details: { communitiesRevoked: revoked, commissions },
  };
}
