import type { Tx } from "@/lib/db";
import type { PurchaseStatus } from "@/lib/generated/prisma/client";
import type { Delivery } from "@/lib/payments/external/formats/delivery";

export type PurchaseMatch =
  | { purchaseId: string }
  /** No purchase: the buyer as far as we know them (a verified user, or only an email). */
  | { purchaseId: null; userId?: string; unclaimedEmail?: string }
  | { error: "purchase_not_found" | "user_not_found" | "user_mismatch"; message: string };

// Where each status moves a purchase from, in order of preference; the last entry is where it
// moved it to, so that a repeated delivery resolves to the same purchase (and is a duplicate).
const fromStatuses: Record<string, PurchaseStatus[][]> = {
  succeeded: [["PENDING"]],
  pending: [["PENDING"]],
  failed: [["PENDING"], ["FAILED"]],
  refunded: [["SUCCEEDED"], ["PENDING"], ["REFUNDED"]],
  canceled: [["SUCCEEDED"]],
};

/**
 * The purchase a delivery speaks of: the one it names (our purchase id, or our order id as
 * Stripe's client_reference_id), else the one whose payment it names, else the buyer's newest
 * purchase of this offering in the state the status moves from. A buyer named by email counts
 * only with a verified address; otherwise the payment waits for its owner (unclaimedEmail).
 */
export async function findWebhookPurchase(
  tx: Tx,
  offeringId: string,
  delivery: Delivery,
): Promise<PurchaseMatch> {
  const buyer = await findBuyer(tx, delivery);
  if ("error" in buyer) return buyer;

  if (delivery.purchaseRef) {
    const named =
      (await tx.purchase.findFirst({
        where: { id: delivery.purchaseRef, offeringId },
        select: { id: true, userId: true },
      })) ??
      (await tx.order
        .findFirst({
          where: { id: delivery.purchaseRef, offeringId },
          select: { id: true, userId: true, purchaseId: true },
        })
        .then((order) => order && { id: order.purchaseId, userId: order.userId }));
    if (!named)
      return {
        error: "purchase_not_found",
        message: "No purchase of this offering has that purchase id.",
      };
    if (buyer.userId && named.userId !== buyer.userId)
      return { error: "user_mismatch", message: "The purchase belongs to another user." };
    return { purchaseId: named.id };
  }

  if (delivery.paymentId && delivery.status !== "succeeded") {
    const paid = await tx.order.findFirst({
      where: {
        offeringId,
        provider: "EXTERNAL",
        OR: [{ providerCaptureId: delivery.paymentId }, { providerOrderId: delivery.paymentId }],
      },
      select: { purchaseId: true },
    });
    if (paid) return { purchaseId: paid.purchaseId };
  }

  if (buyer.userId) {
    for (const statuses of fromStatuses[delivery.status ?? "succeeded"]) {
      const purchase = await tx.purchase.findFirst({
        where: { userId: buyer.userId, offeringId, status: { in: statuses } },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      if (purchase) return { purchaseId: purchase.id };
    }
  }
  return { purchaseId: null, ...buyer };
}

type Buyer = { userId?: string; unclaimedEmail?: string };
type NoBuyer = { error: "user_not_found"; message: string };

async function findBuyer(tx: Tx, delivery: Delivery): Promise<Buyer | NoBuyer> {
  if (delivery.userId) {
    const user = await tx.user.findUnique({ where: { id: delivery.userId }, select: { id: true } });
    if (!user) return { error: "user_not_found", message: "No user has that user_id." };
    return { userId: user.id };
  }
  if (delivery.userEmail) {
    // An address confers nothing until its owner has proved it.
    const user = await tx.user.findFirst({
      where: { email: delivery.userEmail, emailVerified: { not: null } },
      select: { id: true },
    });
    return user ? { userId: user.id } : { unclaimedEmail: delivery.userEmail };
  }
  return {};
}
