import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { getStripe } from "@/lib/stripe/client";
import { invoiceFacts, stripeInvoiceShape } from "@/lib/stripe/subscription-schemas";
import { linkSubscription } from "@/lib/subscriptions/link-subscription";
import { completeInvoicePayment } from "@/lib/subscriptions/complete-invoice-payment";

/** A paid subscription invoice (first or renewal): one paid order, access to the paid period's end. */
export function invoicePaid(
  tx: Tx,
  event: Stripe.Event,
  eventRecordId: string,
): Promise<EventResult> {
  return applyPaidInvoice(tx, event.data.object, {
    cause: `stripe ${event.type} ${event.id}`,
    eventRecordId,
  });
}

/**
 * What a paid invoice does, from the invoice object alone: shared by `invoice.paid` and the
 * reconciliation with Stripe (reconcile.ts), which finds paid invoices whose event never came.
 */
export async function applyPaidInvoice(
  tx: Tx,
  object: unknown,
  why: { cause: string; eventRecordId?: string },
): Promise<EventResult> {
  const parsed = stripeInvoiceShape.safeParse(object);
  if (!parsed.success)
    return { outcome: "FAILED", error: "malformed_event", details: { object: "invoice" } };
  const invoice = parsed.data;
  const facts = invoiceFacts(invoice);
  if (!facts.subscriptionId)
    return { outcome: "IGNORED", details: { note: "not_a_subscription_invoice" } };
  const linked = await linkSubscription(tx, {
    stripeSubscriptionId: facts.subscriptionId,
    orderId: facts.metadata.orderId,
  });
  if ("result" in linked) return linked.result;
  return completeInvoicePayment(
    tx,
    linked.subscription,
    {
      id: invoice.id,
      amountPaid: invoice.amount_paid,
      currency: invoice.currency,
      priceIds: facts.priceIds,
      lines: facts.lines,
      totals: {
        subtotal: invoice.subtotal ?? null,
        total: invoice.total ?? null,
        startingBalance: invoice.starting_balance ?? 0,
      },
      periodEnd: facts.periodEnd,
      paymentIntentId: facts.paymentIntentId ?? (await invoicePaymentIntent(invoice.id)),
      first: invoice.billing_reason === "subscription_create",
      discount: facts.discount,
    },
    why,
  );
}

/** Since API 2025-03-31 an invoice names its payment intent only through its payments list. */
async function invoicePaymentIntent(invoiceId: string): Promise<string | null> {
  const payments = await (await getStripe()).invoicePayments.list({ invoice: invoiceId, limit: 3 });
  const intent = payments.data.find((entry) => entry.payment.payment_intent)?.payment
    .payment_intent;
  return (typeof intent === "string" ? intent : intent?.id) ?? null;
}
