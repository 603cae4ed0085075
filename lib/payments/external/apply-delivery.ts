import type { Tx } from "@/lib/db";
import type { Delivery } from "@/lib/payments/external/formats/delivery";
import { findWebhookPurchase } from "@/lib/payments/external/find-webhook-purchase";
import { holdUnclaimedPayment } from "@/lib/payments/external/hold-unclaimed-payment";
import type { EventResult } from "@/lib/events/process-event";
import { completePurchase } from "@/lib/purchases/complete-purchase";
import { renewPurchase } from "@/lib/purchases/renew-purchase";
import { failPurchase } from "@/lib/purchases/fail-purchase";
import { completeDirectPayment } from "@/lib/purchases/complete-direct-payment";
import { refundPurchase } from "@/lib/purchases/refund-purchase";
import { externalDiscount } from "@/lib/discounts/external-discount";
import { discountPendingOrder } from "@/lib/discounts/discount-pending-order";

export type DeliveryOffering = {
  id: string;
  priceAmount: number;
  currency: string;
  pricingType: string;
  acceptsDiscounts: boolean;
};

/**
 * What a verified delivery does. succeeded: completes the pending purchase; for a monthly or
 * yearly offering, a further payment extends a paid one by a period; a buyer who paid without
 * pressing Proceed gets a purchase made now, or, known only by an unverified email, an unclaimed
 * payment. failed, refunded, canceled move the purchase they name; pending changes nothing.
 */
export async function applyDelivery(
  tx: Tx,
  offering: DeliveryOffering,
  delivery: Delivery,
  eventRecordId: string,
): Promise<EventResult> {
  const cause = `${delivery.format} webhook: ${delivery.type}`;
  const why = { cause, eventRecordId };
  const payment = {
    paymentId: delivery.paymentId ?? "",
    amount: delivery.amount,
    currency: delivery.currency,
  };
  // A payment below the price: a discount, if the offering accepts them (external-discount.ts).
  const discount =
    delivery.status === "succeeded" ? await externalDiscount(tx, offering, delivery) : null;
  const match = await findWebhookPurchase(tx, offering.id, delivery);
  if ("error" in match)
    return { outcome: "FAILED", error: match.error, details: { message: match.message } };
  const recurring = offering.pricingType !== "ONE_TIME";

  if (match.purchaseId === null) {
    if (delivery.status === "refunded") return refundUnclaimed(tx, offering.id, delivery.paymentId);
    if (
      delivery.status !== "succeeded" ||
      !delivery.paymentId ||
      !(match.userId || match.unclaimedEmail)
    ) {
      return {
        outcome: "FAILED",
        error: "purchase_not_found",
        details: {
          message: `No ${delivery.status === "succeeded" ? "pending" : "matching"} purchase of this offering for that buyer.`,
        },
      };
    }
    if (match.unclaimedEmail)
      return holdUnclaimedPayment(tx, {
        offering,
        email: match.unclaimedEmail,
        payment,
        eventRecordId,
      });
    const renewable = recurring && (await latestPaidPurchase(tx, match.userId!, offering.id));
    if (renewable)
      return renewPurchase(tx, { purchaseId: renewable, offering, payment, discount, ...why });
    return completeDirectPayment(tx, {
      userId: match.userId!,
      offering,
      payment,
      discount,
      ...why,
    });
  }

  const { purchaseId } = match;
  switch (delivery.status) {
    case "succeeded": {
      const status = await tx.purchase.findUniqueOrThrow({
        where: { id: purchaseId },
        select: { status: true },
      });
      if (status.status === "SUCCEEDED" && recurring && delivery.paymentId) {
        return renewPurchase(tx, {
          purchaseId,
          offering,
          payment: { ...payment, paymentId: delivery.paymentId },
          discount,
          ...why,
        });
      }
      const orderId = discount ? await discountPendingOrder(tx, purchaseId, discount) : null;
      return completePurchase(tx, {
        purchaseId,
        ...(orderId ? { orderId } : {}),
        payment: {
          amount: delivery.amount,
          currency: delivery.currency,
          providerCaptureId: delivery.paymentId,
        },
        ...why,
      });
    }
    case "failed":
      return failPurchase(tx, purchaseId);
    case "refunded":
      return refundPurchase(tx, { purchaseId, ...why });
    case "canceled":
      await tx.purchase.updateMany({
        where: { id: purchaseId, renewalCanceledAt: null },
        data: { renewalCanceledAt: new Date() },
      });
      return {
        outcome: "PROCESSED",
        purchaseId,
        details: { note: "renewal_canceled_access_kept_to_period_end" },
      };
    default:
      return { outcome: "PROCESSED", purchaseId, details: { note: "awaiting_payment" } };
  }
}

async function latestPaidPurchase(tx: Tx, userId: string, offeringId: string) {
  const purchase = await tx.purchase.findFirst({
    where: { userId, offeringId, status: "SUCCEEDED" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return purchase?.id ?? null;
}

/** A refund of a payment nobody has claimed yet: it will never be granted. */
async function refundUnclaimed(
  tx: Tx,
  offeringId: string,
  paymentId: string | undefined,
): Promise<EventResult> {
  const refunded = paymentId
    ? await tx.unclaimedPayment.updateMany({
        where: { offeringId, paymentId, claimedAt: null },
        data: { refundedAt: new Date() },
      })
    : { count: 0 };
  if (refunded.count === 0)
    return {
      outcome: "FAILED",
      error: "purchase_not_found",
      details: { message: "No purchase or payment of this offering matches this refund." },
    };
  return { outcome: "PROCESSED", details: { note: "unclaimed_payment_refunded" } };
}
