import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { explainRefundRefusal } from "@/lib/stripe/refund-refusal";
import { getStripe } from "@/lib/stripe/client";
import { recordOrderRefund } from "@/lib/purchases/record-order-refund";
import { cancelSubscriptionAsAdmin } from "@/lib/subscriptions/cancel-subscription-as-admin";
import type { RefundReason } from "@/lib/subscriptions/schemas";

const ALREADY_REFUNDED = "Stripe says this invoice is already refunded.";

export type RefundInvoiceAsAdminOptions = {
  subscriptionId: string;
  orderId: string;
  /** Minor units; at most what is left refundable on the invoice's charge. */
  amount: number;
  reason: RefundReason;
  note: string;
  alsoCancel: boolean;
  /** One per form shown: a double submit makes one refund at Stripe. */
  requestId: string;
  adminId: string;
};

/**
 * An admin refunds one invoice of a subscription, in full or in part, through Stripe. Only that
 * invoice's order records it (Refunded, or "Refunded $X of $Y"), its commissions follow, and the
 * subscription and its access carry on, unless the admin ticked "also cancel": then it is
 * canceled now at Stripe and the usual subscription path revokes. No transaction is held while
 * Stripe answers; the charge Stripe returns is recorded under the purchase's lock, the same way
 * its charge.refunded event is (whichever comes first, the other changes nothing).
 */
export async function refundInvoiceAsAdmin(options: RefundInvoiceAsAdminOptions) {
  const { subscriptionId, orderId, amount, reason, note, adminId } = options;
  const order = await refundableInvoice(subscriptionId, orderId);
  const left = order.amount - order.refundedAmount;
  if (amount > left) {
    throw new AppError(
      "validation_failed",
      `At most ${left} can still be refunded on this invoice.`,
      {
        fields: { amount: `At most ${left} (minor units) is left to refund.` },
      },
    );
  }
  const stripe = await getStripe();
  const refund = await stripe.refunds
    .create(
      {
        payment_intent: order.providerCaptureId,
        amount,
        reason,
        metadata: { orderId, subscriptionId, invoiceId: order.providerInvoiceId },
      },
      { idempotencyKey: `refund-invoice-${orderId}-${options.requestId}` },
    )
    .catch((error: unknown) => explainRefundRefusal(error, ALREADY_REFUNDED));
  const chargeId = typeof refund.charge === "string" ? refund.charge : refund.charge?.id;
  const charge = chargeId ? await stripe.charges.retrieve(chargeId) : null;
  const recorded = await db.$transaction(async (tx) => {
    const result = await recordOrderRefund(tx, {
      orderId,
      amountRefunded: charge?.amount_refunded ?? order.refundedAmount + amount,
      fullyRefunded: charge?.refunded ?? amount === left,
    });
    const logged = await tx.auditEntry.findFirst({
      where: {
        action: "invoice.refund",
        subject: orderId,
        details: { path: ["refundId"], equals: refund.id },
      },
      select: { id: true },
    });
    if (!logged) {
      await recordAudit(tx, {
        actorId: adminId,
        action: "invoice.refund",
        subject: orderId,
        details: {
          subscriptionId,
          refundId: refund.id,
          invoiceId: order.providerInvoiceId,
          amount,
          currency: order.currency,
          reason,
          note,
          alsoCancel: options.alsoCancel,
        },
      });
    }
    return result;
  });
  const canceled = options.alsoCancel
    ? await cancelSubscriptionAsAdmin({ subscriptionId, when: "now", actorId: adminId })
    : null;
  return {
    orderId,
    refundId: refund.id,
    refundedAmount: recorded?.refundedAmount ?? amount,
    full: recorded?.full ?? false,
    canceled: canceled !== null,
  };
}

/** The Stripe-paid order of this subscription's invoice, or why it cannot be refunded. */
async function refundableInvoice(subscriptionId: string, orderId: string) {
  const subscription = await db.subscription.findUnique({
    where: { id: subscriptionId },
    select: { purchaseId: true },
  });
  if (!subscription) throw new AppError("not_found", "No subscription has this id.");
  const order = await db.order.findFirst({
    where: { id: orderId, purchaseId: subscription.purchaseId, provider: "STRIPE" },
    select: {
      amount: true,
      currency: true,
      status: true,
      refundedAmount: true,
      providerCaptureId: true,
      providerInvoiceId: true,
    },
  });
  if (!order) throw new AppError("not_found", "This subscription has no such invoice.");
  if (order.status === "REFUNDED" || order.refundedAmount >= order.amount)
    throw new AppError("already_refunded", "This invoice is already refunded in full.");
  if (order.status !== "PAID" || !order.providerCaptureId)
    throw new AppError("conflict", "Only a paid invoice can be refunded.");
  return { ...order, providerCaptureId: order.providerCaptureId };
}
