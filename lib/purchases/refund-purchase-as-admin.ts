import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { explainRefundRefusal } from "@/lib/stripe/refund-refusal";
import { getStripe } from "@/lib/stripe/client";
import { lockPurchase } from "@/lib/purchases/lock-purchase";
import { refundPurchase } from "@/lib/purchases/refund-purchase";

const ALREADY_REFUNDED =
  "Stripe says this payment is already refunded; its charge.refunded event revokes access when it arrives.";

export type RefundPurchaseAsAdminOptions = { purchaseId: string; adminId: string };

type RefundableOrder = {
  id: string;
  provider: string;
  providerCaptureId: string | null;
  amount: number;
  currency: string;
};

/**
 * An admin refund: the money goes back through the provider (Stripe, or the sandbox), then the
 * purchase and order are marked refunded and access is revoked at once. External-link payments
 * are refunded in the provider's own dashboard; here they are only marked. A refunded
 * subscription is also canceled at Stripe. If Stripe refuses or cannot be reached, nothing
 * changes here. The refund goes on the audit log with the admin who made it.
 *
 * No transaction is open while Stripe is called. Stripe's calls carry idempotency keys, so two
 * clicks make one refund; then, under the purchase's lock, the first to arrive records it and
 * the other gets 409. The charge.refunded event our refund causes may get there first and mark
 * the purchase refunded: the admin's refund is still the one on the audit log.
 */
export async function refundPurchaseAsAdmin({ purchaseId, adminId }: RefundPurchaseAsAdminOptions) {
  const order = await refundableOrder(purchaseId);
  if (order.provider === "STRIPE") await refundAtStripe(purchaseId, order);
  return db.$transaction(async (tx) => {
    await lockPurchase(tx, purchaseId);
    const recorded = await tx.auditEntry.findFirst({
      where: { action: "purchase.refund", subject: purchaseId },
      select: { id: true },
    });
    if (recorded) throw new AppError("already_refunded", "This purchase is already refunded.");
    await refundPurchase(tx, {
      purchaseId,
      orderId: order.id,
      cause: "admin refund",
      actorId: adminId,
    });
    await recordAudit(tx, {
      actorId: adminId,
      action: "purchase.refund",
      subject: purchaseId,
      details: {
        orderId: order.id,
        provider: order.provider,
        amount: order.amount,
        currency: order.currency,
      },
    });
    return { purchaseId, status: "refunded" as const, provider: order.provider.toLowerCase() };
  });
}

/** The paid order a refund gives back, or why there is none. */
async function refundableOrder(purchaseId: string): Promise<RefundableOrder> {
  const purchase = await db.purchase.findUnique({
    where: { id: purchaseId },
    select: { status: true },
  });
  if (!purchase) throw new AppError("not_found", "No purchase has this id.");
  if (purchase.status === "REFUNDED")
    throw new AppError("already_refunded", "This purchase is already refunded.");
  const order = await db.order.findFirst({
    where: { purchaseId, status: "PAID" },
    orderBy: { paidAt: "desc" },
    select: { id: true, provider: true, providerCaptureId: true, amount: true, currency: true },
  });
  if (purchase.status !== "SUCCEEDED" || !order)
    throw new AppError("conflict", "Only paid purchases can be refunded.");
  return order;
}

/** The refund at Stripe and, for a subscription, its cancellation: a refunded subscription must not bill again. */
async function refundAtStripe(purchaseId: string, order: RefundableOrder) {
  if (!order.providerCaptureId)
    throw new AppError("conflict", "This Stripe order has no payment to refund.");
  const stripe = await getStripe();
  await stripe.refunds
    .create(
      { payment_intent: order.providerCaptureId, metadata: { purchaseId, orderId: order.id } },
      { idempotencyKey: `refund-order-${order.id}` },
    )
    .catch((error: unknown) => explainRefundRefusal(error, ALREADY_REFUNDED));
  const subscription = await db.subscription.findUnique({
    where: { purchaseId },
    select: { stripeSubscriptionId: true, status: true },
  });
  if (subscription && !["canceled", "incomplete_expired"].includes(subscription.status)) {
    await stripe.subscriptions
      .cancel(subscription.stripeSubscriptionId, undefined, {
        idempotencyKey: `refund-cancel-${subscription.stripeSubscriptionId}`,
      })
      .catch((error: unknown) => explainRefundRefusal(error, ALREADY_REFUNDED));
  }
}
