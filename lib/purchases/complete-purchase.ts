import type { Tx } from "@/lib/db";
import { grantPurchaseAccess } from "@/lib/access/grant-purchase-access";
import type { EventResult } from "@/lib/payments/process-event";
import { lockPurchase } from "@/lib/purchases/lock-purchase";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the provider says was paid; amounts in minor units. */
export type PaymentReport = {
  amount?: number;
  currency?: string;
  providerOrderId?: string;
  providerCaptureId?: string;
};

export type CompletePurchaseOptions = {
  purchaseId: string;
  orderId?: string;
  payment: PaymentReport;
  cause: string;
  eventRecordId?: string;
};

/**
 * Marks the order paid and the purchase succeeded, and grants access: once per purchase, only
 * from a pending (or failed and retried) state, and only when the reported amount and currency
 * equal the order's. A refunded purchase stays refunded.
 */
export async function completePurchase(tx: Tx, options: CompletePurchaseOptions): Promise<EventResult> {
  const { purchaseId, payment } = options;
  const purchase = await lockPurchase(tx, purchaseId);
  if (!purchase) return { outcome: "FAILED", error: "purchase_not_found" };
  if (purchase.status === "SUCCEEDED" || purchase.status === "REFUNDED") {
    return { outcome: "PROCESSED", purchaseId, details: { note: `already_${purchase.status.toLowerCase()}` } };
  }

  const order = await tx.order.findFirst({
    where: { purchaseId, ...(options.orderId ? { id: options.orderId } : {}) },
    orderBy: { createdAt: "desc" },
    select: { id: true, amount: true, currency: true },
  });
  if (!order) return { outcome: "FAILED", purchaseId, error: "order_not_found" };

  const amountDiffers = payment.amount !== undefined && payment.amount !== order.amount;
  const currencyDiffers =
    payment.currency !== undefined && payment.currency.toLowerCase() !== order.currency.toLowerCase();
  if (amountDiffers || currencyDiffers) {
    return {
      outcome: "FAILED",
      purchaseId,
      error: "amount_mismatch",
      details: {
        orderId: order.id,
        expected: { amount: order.amount, currency: order.currency },
        received: { amount: payment.amount ?? null, currency: payment.currency ?? null },
      },
    };
  }

  const offering = await tx.offering.findUniqueOrThrow({
    where: { id: purchase.offeringId },
    select: { accessDurationDays: true },
  });
  const now = new Date();
  const expiresAt = offering.accessDurationDays
    ? new Date(now.getTime() + offering.accessDurationDays * DAY_MS)
    : null;

  await tx.purchase.update({
    where: { id: purchaseId },
    data: { status: "SUCCEEDED", accessGrantedAt: now, expiresAt },
  });
  await tx.order.update({
    where: { id: order.id },
    data: {
      status: "PAID",
      paidAt: now,
      ...(payment.providerOrderId ? { providerOrderId: payment.providerOrderId } : {}),
      ...(payment.providerCaptureId ? { providerCaptureId: payment.providerCaptureId } : {}),
    },
  });
  const granted = await grantPurchaseAccess(tx, {
    purchaseId,
    userId: purchase.userId,
    offeringId: purchase.offeringId,
    expiresAt,
    cause: options.cause,
    eventRecordId: options.eventRecordId,
  });
  return { outcome: "PROCESSED", purchaseId, details: { orderId: order.id, communitiesGranted: granted } };
}
