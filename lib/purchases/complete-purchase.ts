import type { Tx } from "@/lib/db";
import { grantPurchaseAccess } from "@/lib/access/grant-purchase-access";
import { createOrderCommissions } from "@/lib/commissions/create-order-commissions";
import type { EventResult } from "@/lib/events/process-event";
import { accessEndFrom } from "@/lib/purchases/access-period";
import { lockPurchase } from "@/lib/purchases/lock-purchase";

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
export async function completePurchase(
  tx: Tx,
  options: CompletePurchaseOptions,
): Promise<EventResult> {
  const { purchaseId, payment } = options;
  const purchase = await lockPurchase(tx, purchaseId);
  if (!purchase) return { outcome: "FAILED", error: "purchase_not_found" };
  if (purchase.status === "SUCCEEDED" || purchase.status === "REFUNDED") {
    return {
      outcome: "PROCESSED",
      purchaseId,
      details: { note: `already_${purchase.status.toLowerCase()}` },
    };
  }

  const [order] = await tx.$queryRaw<
    { id: string; amount: number; currency: string; referrerId: string | null }[]
  >`
    SELECT id, amount, currency, "referrerId" FROM "Order"
    WHERE "purchaseId" = ${purchaseId} AND (${options.orderId ?? null}::text IS NULL OR id = ${options.orderId ?? null})
    ORDER BY "createdAt" DESC LIMIT 1`;
  if (!order) return { outcome: "FAILED", purchaseId, error: "order_not_found" };

  const amountDiffers = payment.amount !== undefined && payment.amount !== order.amount;
  const currencyDiffers =
    payment.currency !== undefined &&
    payment.currency.toLowerCase() !== order.currency.toLowerCase();
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

  const now = new Date();
  const expiresAt = accessEndFrom(now, purchase);
  // One round trip for both rows: this is the hottest write of every paid webhook.
  await tx.$executeRaw`
    WITH purchase AS (
      UPDATE "Purchase" SET status = 'SUCCEEDED', "accessGrantedAt" = ${now}, "expiresAt" = ${expiresAt}, "updatedAt" = ${now}
      WHERE id = ${purchaseId}
      RETURNING id
    )
    UPDATE "Order" SET status = 'PAID', "paidAt" = ${now}, "updatedAt" = ${now},
      "providerOrderId" = COALESCE(${payment.providerOrderId ?? null}, "providerOrderId"),
      "providerCaptureId" = COALESCE(${payment.providerCaptureId ?? null}, "providerCaptureId")
    WHERE id = ${order.id} AND EXISTS (SELECT 1 FROM purchase)`;
  // Only referred orders earn commissions: the others need no commission query at all.
  if (order.referrerId ?? purchase.referrerId) await createOrderCommissions(tx, order.id);
  const granted = await grantPurchaseAccess(tx, {
    purchaseId,
    userId: purchase.userId,
    offeringId: purchase.offeringId,
    expiresAt,
    cause: options.cause,
    eventRecordId: options.eventRecordId,
  });
  return {
    outcome: "PROCESSED",
    purchaseId,
    details: { orderId: order.id, communitiesGranted: granted },
  };
}
