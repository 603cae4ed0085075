import { db } from "@/lib/db";
import { purchasesGivingAccess } from "@/lib/access/active-access";
import { AppError } from "@/lib/errors";
import { buyerPurchaseSelect } from "@/lib/purchases/list-user-purchases";

/** One of the user's own purchases; anyone else's is simply not found. */
export async function getUserPurchase({
  userId,
  purchaseId,
}: {
  userId: string;
  purchaseId: string;
}) {
  const purchase = await db.purchase.findFirst({
    where: { id: purchaseId, userId },
    select: buyerPurchaseSelect,
  });
  if (!purchase) throw new AppError("not_found", "No purchase of yours has this id.");
  const withAccess = await purchasesGivingAccess([purchase.id]);
  return { ...purchase, accessActive: withAccess.has(purchase.id) };
}
