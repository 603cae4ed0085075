import type { Tx } from "@/lib/db";
import type { PurchaseStatus } from "@/lib/generated/prisma/client";
import type { OfferingWebhookBody } from "@/lib/payments/external/schemas";

export type PurchaseMatch =
  | { purchaseId: string }
  | {
      error: "purchase_not_found" | "user_not_found" | "user_mismatch" | "email_unverified";
      message: string;
    };

/**
 * Finds the purchase a generic webhook speaks of: by purchase_id, else the user's newest purchase
 * of this offering in the state the status moves from (pending to be paid or failed, succeeded
 * to be refunded).
 */
export async function findWebhookPurchase(
  tx: Tx,
  offeringId: string,
  body: OfferingWebhookBody,
): Promise<PurchaseMatch> {
  let userId: string | undefined;
  if (body.user_id || body.user_email) {
    const user = await tx.user.findFirst({
      where: {
        ...(body.user_id ? { id: body.user_id } : {}),
        ...(body.user_email ? { email: body.user_email } : {}),
      },
      select: { id: true, emailVerified: true },
    });
    if (!user) return { error: "user_not_found", message: "No user matches user_id / user_email." };
    // An address confers nothing until its owner has proved it: matched by email alone, an
    // unverified account is not the buyer yet.
    if (!body.user_id && !user.emailVerified) {
      return {
        error: "email_unverified",
        message:
          "The only account with this email has not confirmed its address yet; the payment waits until it does.",
      };
    }
    userId = user.id;
  }

  if (body.purchase_id) {
    const purchase = await tx.purchase.findFirst({
      where: { id: body.purchase_id, offeringId },
      select: { id: true, userId: true },
    });
    if (!purchase)
      return {
        error: "purchase_not_found",
        message: "No purchase of this offering has that purchase_id.",
      };
    if (userId && purchase.userId !== userId) {
      return { error: "user_mismatch", message: "The purchase belongs to another user." };
    }
    return { purchaseId: purchase.id };
  }

  const fromStatuses: PurchaseStatus[][] =
    body.status === "refunded" ? [["SUCCEEDED"], ["PENDING"]] : [["PENDING"]];
  for (const statuses of fromStatuses) {
    const purchase = await tx.purchase.findFirst({
      where: { userId, offeringId, status: { in: statuses } },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (purchase) return { purchaseId: purchase.id };
  }
  return {
    error: "purchase_not_found",
    message: `That user has no ${body.status === "refunded" ? "paid" : "pending"} purchase of this offering.`,
  };
}
