import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** One of the user's own purchases; anyone else's is simply not found. */
export async function getUserPurchase({ userId, purchaseId }: { userId: string; purchaseId: string }) {
  const purchase = await db.purchase.findFirst({
    where: { id: purchaseId, userId },
    select: {
      id: true,
      status: true,
      createdAt: true,
      accessGrantedAt: true,
      expiresAt: true,
      refundedAt: true,
      offering: { select: { id: true, name: true } },
      orders: { orderBy: { createdAt: "desc" }, select: { id: true, amount: true, currency: true, status: true, provider: true, paidAt: true } },
    },
  });
  if (!purchase) throw new AppError("not_found", "No purchase of yours has this id.");
  return purchase;
}
