import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { createOrderCommissions } from "@/lib/commissions/create-order-commissions";
import { setPurchaseAccessEnd } from "@/lib/access/set-purchase-access-end";
import type { EventResult } from "@/lib/events/process-event";
import { accessEndFrom } from "@/lib/purchases/access-period";
import { lockPurchase } from "@/lib/purchases/lock-purchase";
import { paymentMismatch, type OfferingPrice } from "@/lib/purchases/payment-mismatch";
import type { OrderDiscount } from "@/lib/discounts/external-discount";

export type RenewPurchaseOptions = {
  purchaseId: string;
  offering: OfferingPrice;
  payment: { paymentId: string; amount?: number; currency?: string };
  /** A discount the offering accepted (lib/discounts/external-discount.ts): the order's price less it. */
  discount?: OrderDiscount | null;
  cause: string;
  eventRecordId?: string;
};

/**
 * A renewal paid through an external provider: one more paid order, and access extended by one
 * period from the later of now and the current end. The payment id is the order's provider id,
 * so one payment extends once however it is delivered.
 */
export async function renewPurchase(tx: Tx, options: RenewPurchaseOptions): Promise<EventResult> {
  const { purchaseId, offering, payment } = options;
  const purchase = await lockPurchase(tx, purchaseId);
  if (!purchase || purchase.status !== "SUCCEEDED")
    return { outcome: "FAILED", purchaseId, error: "purchase_not_found" };
  const discount = options.discount ?? null;
  const price = offering.priceAmount - (discount?.discountAmount ?? 0);
  const mismatch = paymentMismatch({ ...offering, priceAmount: price }, payment);
  if (mismatch)
    return { outcome: "FAILED", purchaseId, error: "amount_mismatch", details: mismatch };

  const now = new Date();
  const [order] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Order" (id, "purchaseId", "userId", "offeringId", amount, currency, provider, status,
      "providerOrderId", "providerCaptureId", "paidAt", "updatedAt", "discountAmount", "discountCode", "discountId")
    SELECT ${randomUUID()}, ${purchaseId}, ${purchase.userId}, ${offering.id}, ${price}, ${offering.currency},
      'EXTERNAL', 'PAID', ${payment.paymentId}, ${payment.paymentId}, ${now}, ${now},
      ${discount?.discountAmount ?? 0}, ${discount?.discountCode ?? null}, ${discount?.discountId ?? null}
    WHERE NOT EXISTS (SELECT 1 FROM "Order" WHERE "purchaseId" = ${purchaseId} AND "providerCaptureId" = ${payment.paymentId})
    ON CONFLICT DO NOTHING
    RETURNING id`;
  if (!order)
    return { outcome: "PROCESSED", purchaseId, details: { note: "payment_already_recorded" } };

  await createOrderCommissions(tx, order.id);
  const from = purchase.expiresAt && purchase.expiresAt > now ? purchase.expiresAt : now;
  const until = accessEndFrom(from, purchase);
  if (!until)
    return {
      outcome: "PROCESSED",
      purchaseId,
      details: { orderId: order.id, note: "lifetime_access" },
    };
  await tx.purchase.update({ where: { id: purchaseId }, data: { renewalCanceledAt: null } });
  const access = await setPurchaseAccessEnd(
    tx,
    { purchaseId, userId: purchase.userId, offeringId: offering.id },
    until,
    options,
  );
  return {
    outcome: "PROCESSED",
    purchaseId,
    details: { orderId: order.id, accessUntil: until.toISOString(), ...access },
  };
}
