import type { Tx } from "@/lib/db";
import type { Subscription } from "@/lib/generated/prisma/client";
import type { EventResult } from "@/lib/events/process-event";
import { createOrderCommissions } from "@/lib/commissions/create-order-commissions";
import {
  billablePrices,
  invoiceOffering,
  prorationProblem,
  recordOrderLines,
  type InvoiceLine,
  type InvoiceTotals,
} from "@/lib/subscriptions/invoice-lines";
import {
  invoiceDiscountFields,
  type InvoiceDiscount,
} from "@/lib/discounts/invoice-discount-fields";
import { refreshUserPlan } from "@/lib/subscriptions/refresh-user-plan";
import { startSubscriptionPurchase } from "@/lib/subscriptions/start-subscription-purchase";
import {
  syncSubscriptionAccess,
  type AccessCause,
} from "@/lib/subscriptions/sync-subscription-access";

export type PaidInvoice = {
  id: string;
  amountPaid: number;
  currency: string;
  priceIds: string[];
  /** The invoice's lines (none when only a checkout session reported it). */
  lines: InvoiceLine[];
  /** Stripe's totals, when the invoice itself reported them (invoice-lines.ts). */
  totals?: InvoiceTotals;
  /** The end of the period the invoice paid for. */
  periodEnd: Date | null;
  paymentIntentId: string | null;
  /** The first invoice of a subscription pays the order made before checkout. */
  first: boolean;
  /** What a promotion code took off, if anything. */
  discount?: InvoiceDiscount | null;
};

/**
 * One paid invoice = one paid order, whichever of `invoice.paid` and the checkout completion
 * reports it first. Currency and price must be the offering's (or, after a plan switch, those
 * of an offering in its plan family); a plan switch's proration invoice must add up
 * (invoice-lines.ts). Otherwise the amount may legitimately differ (discounts, tax), so what
 * was paid is recorded as paid. The order is for the offering the invoice bills, with its
 * lines. The paid period moves access forward.
 */
export async function completeInvoicePayment(
  tx: Tx,
  subscription: Subscription,
  invoice: PaidInvoice,
  why: AccessCause,
): Promise<EventResult> {
  const base = { purchaseId: subscription.purchaseId };
  const offering = await billablePrices(tx, subscription.offeringId);
  const knownPrices = new Set(offering.prices.keys());
  const foreignPrice = invoice.priceIds.find((price) => !knownPrices.has(price));
  if (invoice.currency.toLowerCase() !== offering.currency.toLowerCase() || foreignPrice) {
    return {
      outcome: "FAILED",
      ...base,
      error: "amount_mismatch",
      details: {
        invoice: invoice.id,
        expected: { currency: offering.currency, prices: [...knownPrices] },
        received: { currency: invoice.currency, prices: invoice.priceIds },
      },
    };
  }

  const problem = prorationProblem(
    invoice.lines,
    invoice.amountPaid,
    invoice.totals,
    offering.prices,
  );
  if (problem) {
    return {
      outcome: "FAILED",
      ...base,
      error: "amount_mismatch",
      details: { invoice: invoice.id, note: "proration_mismatch", problem },
    };
  }

  const offeringId = invoiceOffering(invoice.lines, offering.prices, subscription.offeringId);
  const orderId = await paidOrderFor(tx, subscription, invoice, offeringId);
  await recordOrderLines(tx, orderId, invoice.currency, invoice.lines);
  // Renewals earn too: every paid invoice is an order of the purchase, with its referrer.
  await createOrderCommissions(tx, orderId);
  await startSubscriptionPurchase(tx, subscription.purchaseId);
  const paidThrough = latest(
    subscription.paidThrough,
    invoice.periodEnd ?? (invoice.first ? subscription.currentPeriodEnd : null),
  );
  const updated = await tx.subscription.update({
    where: { id: subscription.id },
    data: { paidThrough, paymentFailure: null },
  });
  const access = await syncSubscriptionAccess(tx, updated, why);
  await refreshUserPlan(tx, subscription.userId);
  return {
    outcome: "PROCESSED",
    ...base,
    details: { invoice: invoice.id, orderId, amountPaid: invoice.amountPaid, ...access },
  };
}

/** The order for this invoice, marked paid: found by invoice id, else the checkout's pending order, else new. */
async function paidOrderFor(
  tx: Tx,
  subscription: Subscription,
  invoice: PaidInvoice,
  offeringId: string,
): Promise<string> {
  const now = new Date();
  const discount = await invoiceDiscountFields(tx, subscription.purchaseId, invoice.discount);
  const paid = {
    status: "PAID" as const,
    amount: invoice.amountPaid,
    currency: invoice.currency.toLowerCase(),
    providerInvoiceId: invoice.id,
    paidAt: now,
    ...discount,
  };
  const known = await tx.order.findFirst({
    where: { provider: "STRIPE", providerInvoiceId: invoice.id },
    select: { id: true, status: true, providerCaptureId: true, discountId: true },
  });
  if (known) {
    const captureId = known.providerCaptureId ?? invoice.paymentIntentId;
    // A later report may name the code an earlier one could not (an expanded discount).
    const namedCode = discount?.discountId && !known.discountId ? discount : {};
    await tx.order.update({
      where: { id: known.id },
      data:
        known.status === "PAID"
          ? { providerCaptureId: captureId, ...namedCode }
          : { ...paid, providerCaptureId: captureId },
    });
    return known.id;
  }
  const pending = invoice.first
    ? await tx.order.findFirst({
        where: {
          purchaseId: subscription.purchaseId,
          provider: "STRIPE",
          providerInvoiceId: null,
          status: { in: ["PENDING", "FAILED"] },
        },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      })
    : null;
  if (pending) {
    await tx.order.update({
      where: { id: pending.id },
      data: { ...paid, providerCaptureId: invoice.paymentIntentId },
    });
    return pending.id;
  }
  const created = await tx.order.create({
    data: {
      ...paid,
      purchaseId: subscription.purchaseId,
      userId: subscription.userId,
      offeringId,
      provider: "STRIPE",
      providerOrderId: invoice.id,
      providerCaptureId: invoice.paymentIntentId,
    },
    select: { id: true },
  });
  return created.id;
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
