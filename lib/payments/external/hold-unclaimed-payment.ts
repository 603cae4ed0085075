import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { paymentMismatch, type OfferingPrice } from "@/lib/purchases/payment-mismatch";

export type HoldUnclaimedPaymentOptions = {
  offering: OfferingPrice;
  email: string;
  payment: { paymentId: string; amount?: number; currency?: string };
  eventRecordId: string;
};

/**
 * A payment for an address with no verified account yet: kept, unclaimed, until that address is
 * verified by its owner (claim-unclaimed-payments.ts). A password sign-up alone claims nothing.
 */
export async function holdUnclaimedPayment(
  tx: Tx,
  options: HoldUnclaimedPaymentOptions,
): Promise<EventResult> {
  const { offering, payment } = options;
  const mismatch = paymentMismatch(offering, payment);
  if (mismatch) return { outcome: "FAILED", error: "amount_mismatch", details: mismatch };
  await tx.unclaimedPayment.upsert({
    where: { offeringId_paymentId: { offeringId: offering.id, paymentId: payment.paymentId } },
    create: {
      offeringId: offering.id,
      email: options.email,
      amount: offering.priceAmount,
      currency: offering.currency,
      paymentId: payment.paymentId,
      eventRecordId: options.eventRecordId,
    },
    update: {},
  });
  return {
    outcome: "PROCESSED",
    details: {
      unclaimed: true,
      note: "Kept for the owner of this address: it is granted once they verify it.",
    },
  };
}
