import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { lockPurchase } from "@/lib/purchases/lock-purchase";

/** A failed payment: a pending purchase and its pending orders become failed. Nothing else moves. */
export async function failPurchase(tx: Tx, purchaseId: string): Promise<EventResult> {
  const purchase = await lockPurchase(tx, purchaseId);
  if (!purchase) return { outcome: "FAILED", error: "purchase_not_found" };
  if (purchase.status !== "PENDING") {
    return {
      outcome: "PROCESSED",
      purchaseId,
      details: { note: `already_${purchase.status.toLowerCase()}` },
    };
  }
  await tx.purchase.update({ where: { id: purchaseId }, data: { status: "FAILED" } });
  await tx.order.updateMany({
    where: { purchaseId, status: "PENDING" },
    data: { status: "FAILED" },
  });
  return { outcome: "PROCESSED", purchaseId };
}
