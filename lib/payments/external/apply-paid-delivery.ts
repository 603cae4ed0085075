import { applyPaidOrder, type FastEventResult } from "@/lib/events/apply-paid-order";
import type { Delivery } from "@/lib/payments/external/formats/delivery";

/**
 * A delivery saying that the purchase it names was paid, with the payment's id and amount, the
 * most common one, through the one-statement fast path (lib/events/apply-paid-order.ts). One
 * that names its buyer (the general path checks the purchase is theirs), or lacks any of those,
 * gets null, as does any case the fast path leaves alone: the caller then takes the general path.
 */
export async function applyPaidDelivery(
  offeringId: string,
  delivery: Delivery,
  eventKey: string,
  payload: string,
): Promise<FastEventResult | null> {
  const { status, purchaseRef, paymentId, amount, currency } = delivery;
  const namesBuyer = Boolean(delivery.userId || delivery.userEmail);
  if (
    status !== "succeeded" ||
    !purchaseRef ||
    !paymentId ||
    namesBuyer ||
    !Number.isSafeInteger(amount) ||
    !currency
  )
    return null;
  return applyPaidOrder({
    provider: "external",
    eventKey,
    type: delivery.type,
    payload,
    purchaseId: purchaseRef,
    offeringId,
    amount: amount as number,
    currency,
    providerCaptureId: paymentId,
    cause: `${delivery.format} webhook: ${delivery.type}`,
  });
}
