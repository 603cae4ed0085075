import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getStripe } from "@/lib/payments/stripe/client";
import { lockPurchase } from "@/lib/purchases/lock-purchase";
import { refundPurchase } from "@/lib/purchases/refund-purchase";

export type RefundPurchaseAsAdminOptions = { purchaseId: string; adminId: string };

/**
 * An admin refund: the money goes back through the provider (Stripe, or the sandbox), then the
 * purchase and order are marked refunded and access is revoked at once. The purchase stays
 * locked throughout, so a second click waits and gets 409, and the charge.refunded event that
 * follows finds the purchase refunded and changes nothing. External-link payments are refunded
 * in the provider's own dashboard; here they are only marked.
 */
export async function refundPurchaseAsAdmin({ purchaseId, adminId }: RefundPurchaseAsAdminOptions) {
  return db.$transaction(async (tx) => {
    const purchase = await lockPurchase(tx, purchaseId);
    if (!purchase) throw new AppError("not_found", "No purchase has this id.");
    if (purchase.status === "REFUNDED") throw new AppError("already_refunded", "This purchase is already refunded.");
    const order = await tx.order.findFirst({
      where: { purchaseId, status: "PAID" },
      orderBy: { paidAt: "desc" },
      select: { id: true, provider: true, providerCaptureId: true },
    });
    if (purchase.status !== "SUCCEEDED" || !order) throw new AppError("conflict", "Only paid purchases can be refunded.");

    if (order.provider === "STRIPE") {
      if (!order.providerCaptureId) throw new AppError("conflict", "This Stripe order has no payment to refund.");
      await getStripe().refunds.create(
        { payment_intent: order.providerCaptureId, metadata: { purchaseId, orderId: order.id } },
        { idempotencyKey: `refund-order-${order.id}` },
      );
    }
    await refundPurchase(tx, { purchaseId, cause: "admin refund", actorId: adminId });
    return { purchaseId, status: "refunded" as const, provider: order.provider.toLowerCase() };
  });
}
