import type { Tx } from "@/lib/db";
import type { OrderDiscount } from "@/lib/discounts/external-discount";

/**
 * Reprices a purchase's newest unpaid order to what was paid with a discount, recording it; the
 * usual "paid" rule then checks the reported amount against it. Returns the order's id (null:
 * no unpaid order, and nothing changed). A paid order is never repriced.
 */
export async function discountPendingOrder(
  tx: Tx,
  purchaseId: string,
  discount: OrderDiscount,
): Promise<string | null> {
  const order = await tx.order.findFirst({
    where: { purchaseId },
    orderBy: { createdAt: "desc" },
    select: { id: true, amount: true, discountAmount: true, status: true },
  });
  if (!order || (order.status !== "PENDING" && order.status !== "FAILED")) return null;
  const listAmount = order.amount + order.discountAmount;
  await tx.order.update({
    where: { id: order.id },
    data: { ...discount, amount: listAmount - discount.discountAmount },
  });
  return order.id;
}
