import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { invoiceFacts, stripeInvoiceShape } from "@/lib/stripe/subscription-schemas";
import { linkSubscription } from "@/lib/subscriptions/link-subscription";
import { recordInvoiceFailure } from "@/lib/subscriptions/record-invoice-failure";

/** A renewal charge failed: a failed order and the banner's reason; Stripe retries on its schedule. */
export async function invoicePaymentFailed(tx: Tx, event: Stripe.Event): Promise<EventResult> {
  const parsed = stripeInvoiceShape.safeParse(event.data.object);
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
  return recordInvoiceFailure(tx, linked.subscription, {
    id: invoice.id,
    amountDue: invoice.amount_due,
    currency: invoice.currency,
    attemptCount: invoice.attempt_count,
    failedAt: new Date(event.created * 1000),
  });
}
