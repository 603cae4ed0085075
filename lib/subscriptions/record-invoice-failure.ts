import type { Tx } from "@/lib/db";
import type { Subscription } from "@/lib/generated/prisma/client";
import { formatMoney } from "@/lib/money";
import type { EventResult } from "@/lib/events/process-event";

export type FailedInvoice = {
  id: string;
  amountDue: number;
  currency: string;
  attemptCount: number;
  failedAt: Date;
};

/**
 * A renewal that could not be charged: the invoice shows as a failed order in the history and
 * the billing page names the failure. Access is not touched here: the subscription's move to
 * past_due (its own event) limits access to the paid period.
 */
export async function recordInvoiceFailure(
  tx: Tx,
  subscription: Subscription,
  invoice: FailedInvoice,
): Promise<EventResult> {
  const amount = formatMoney(invoice.amountDue, invoice.currency);
  const attempt = invoice.attemptCount > 1 ? ` (attempt ${invoice.attemptCount})` : "";
  const paymentFailure = `The payment of ${amount} on ${invoice.failedAt.toISOString().slice(0, 10)} failed${attempt}.`;
  await tx.subscription.update({ where: { id: subscription.id }, data: { paymentFailure } });
  const known = await tx.order.findFirst({
    where: { provider: "STRIPE", providerInvoiceId: invoice.id },
    select: { id: true, status: true },
  });
  if (known) {
    if (known.status === "PENDING")
      await tx.order.update({ where: { id: known.id }, data: { status: "FAILED" } });
  } else {
    await tx.order.create({
      data: {
        purchaseId: subscription.purchaseId,
        userId: subscription.userId,
        offeringId: subscription.offeringId,
        amount: invoice.amountDue,
        currency: invoice.currency.toLowerCase(),
        provider: "STRIPE",
        status: "FAILED",
        providerOrderId: invoice.id,
        providerInvoiceId: invoice.id,
      },
    });
  }
  return {
    outcome: "PROCESSED",
    purchaseId: subscription.purchaseId,
    details: { invoice: invoice.id, paymentFailure },
  };
}
