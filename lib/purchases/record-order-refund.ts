import type { Tx } from "@/lib/db";
import { adjustRefundedOrderCommissions } from "@/lib/commissions/adjust-refunded-order-commissions";
import { lockPurchase } from "@/lib/purchases/lock-purchase";

export type RecordOrderRefundOptions = {
  orderId: string;
  /** The provider's cumulative amount refunded on this order's payment (Stripe's amount_refunded). */
  amountRefunded: number;
  /** The provider says the payment is refunded in full. */
  fullyRefunded: boolean;
};

export type RecordedOrderRefund = {
  orderId: string;
  purchaseId: string;
  refundedAmount: number;
  full: boolean;
  changed: boolean;
  commissions?: { reversed: number; adjusted: number; settled: number };
};

/**
 * A refund of one order, and only that order: its refundedAmount moves up to the provider's
 * cumulative figure, and it becomes REFUNDED only once refunded in full. The purchase, its other
 * orders and its access are left alone (a refunded renewal of a running subscription keeps the
 * subscription and its access). The amount only grows, so a duplicate or an older event
 * arriving after a newer one changes nothing. The order's commissions follow the refunded share.
 */
export async function recordOrderRefund(
  tx: Tx,
  { orderId, amountRefunded, fullyRefunded }: RecordOrderRefundOptions,
): Promise<RecordedOrderRefund | null> {
  const owner = await tx.order.findUnique({ where: { id: orderId }, select: { purchaseId: true } });
  if (!owner) return null;
  await lockPurchase(tx, owner.purchaseId);
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { purchaseId: true, amount: true, refundedAmount: true, status: true },
  });
  const target = fullyRefunded ? order.amount : Math.min(order.amount, amountRefunded);
  const full = target >= order.amount;
  const unchanged = {
    orderId,
    purchaseId: order.purchaseId,
    refundedAmount: order.refundedAmount,
    full: order.status === "REFUNDED",
    changed: false,
  };
  if (target <= order.refundedAmount && (!full || order.status === "REFUNDED")) return unchanged;
  const refundedAmount = Math.max(target, order.refundedAmount);
  await tx.order.update({
    where: { id: orderId },
    data: { refundedAmount, ...(full ? { status: "REFUNDED" as const } : {}) },
  });
  const commissions = await adjustRefundedOrderCommissions(tx, {
    orderId,
    orderAmount: order.amount,
    refundedAmount,
  });
  return {
    orderId,
    purchaseId: order.purchaseId,
    refundedAmount,
    full,
    changed: true,
    commissions,
  };
}
