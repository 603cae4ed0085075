import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { completePurchase } from "@/lib/purchases/complete-purchase";
import { paymentMismatch, type OfferingPrice } from "@/lib/purchases/payment-mismatch";
import type { OrderDiscount } from "@/lib/discounts/external-discount";

export type CompleteDirectPaymentOptions = {
  userId: string;
  offering: OfferingPrice;
  payment: { paymentId: string; amount?: number; currency?: string };
  /** A discount the offering accepted (lib/discounts/external-discount.ts): the order's price less it. */
  discount?: OrderDiscount | null;
  cause: string;
  eventRecordId?: string;
};

/**
 * A buyer who paid at the seller's link without pressing Proceed: the purchase and its order
 * are made now from the offering (the reported amount must be its price), then completed. The
 * payment id is the order's provider id, so the same payment cannot make a second purchase.
 */
export async function completeDirectPayment(
  tx: Tx,
  options: CompleteDirectPaymentOptions,
): Promise<EventResult> {
  const { userId, offering, payment } = options;
  const price = offering.priceAmount - (options.discount?.discountAmount ?? 0);
  const mismatch = paymentMismatch({ ...offering, priceAmount: price }, payment);
  if (mismatch) return { outcome: "FAILED", error: "amount_mismatch", details: mismatch };
  const known = await tx.order.findFirst({
    where: {
      provider: "EXTERNAL",
      offeringId: offering.id,
      OR: [{ providerOrderId: payment.paymentId }, { providerCaptureId: payment.paymentId }],
    },
    select: { purchaseId: true },
  });
  if (known)
    return {
      outcome: "PROCESSED",
      purchaseId: known.purchaseId,
      details: { note: "payment_already_recorded" },
    };
  const purchase = await tx.purchase.create({
    data: {
      userId,
      offeringId: offering.id,
      orders: {
        create: {
          userId,
          offeringId: offering.id,
          amount: price,
          currency: offering.currency,
          ...options.discount,
          provider: "EXTERNAL",
          providerOrderId: payment.paymentId,
        },
      },
    },
    select: { id: true },
  });
  return completePurchase(tx, {
    purchaseId: purchase.id,
    payment: {
      amount: payment.amount,
      currency: payment.currency,
      providerCaptureId: payment.paymentId,
    },
    cause: options.cause,
    eventRecordId: options.eventRecordId,
  });
}
