import type Stripe from "stripe";
import type { FastEventResult } from "@/lib/events/apply-paid-order";
import {
  invoiceFacts,
  stripeInvoiceShape,
  stripeSubscriptionShape,
} from "@/lib/stripe/subscription-schemas";
import { applyRenewalInvoice } from "@/lib/subscriptions/apply-renewal-invoice";
import { applySubscriptionUpdate } from "@/lib/subscriptions/apply-subscription-update";

/**
 * A renewal, most of a subscription business's events, through the one-statement fast paths:
 * `customer.subscription.updated` (apply_subscription_update) and a renewal's `invoice.paid`
 * (apply_paid_invoice), each the same writes as the general path's handler through the same SQL
 * rules. null when the event is of another kind or the fast path does not apply (a first invoice,
 * a discount, a payment intent Stripe must be asked for, or whatever the SQL leaves alone); the
 * caller then takes the general path.
 */
export async function applyRenewal(
  event: Stripe.Event,
  payload: string,
): Promise<FastEventResult | null> {
  const cause = `stripe ${event.type} ${event.id}`;
  if (event.type === "customer.subscription.updated") {
    const parsed = stripeSubscriptionShape.safeParse(event.data.object);
    if (!parsed.success) return null;
    return applySubscriptionUpdate({
      eventKey: event.id,
      type: event.type,
      payload,
      eventCreated: new Date(event.created * 1000),
      cause,
      snapshot: parsed.data,
    });
  }
  if (event.type !== "invoice.paid") return null;
  const parsed = stripeInvoiceShape.safeParse(event.data.object);
  if (!parsed.success || parsed.data.billing_reason !== "subscription_cycle") return null;
  if (discounted(parsed.data)) return null;
  const facts = invoiceFacts(parsed.data);
  if (!facts.subscriptionId || !facts.paymentIntentId) return null;
  return applyRenewalInvoice({
    eventKey: event.id,
    type: event.type,
    payload,
    cause,
    stripeSubscriptionId: facts.subscriptionId,
    invoiceId: parsed.data.id,
    amountPaid: parsed.data.amount_paid,
    currency: parsed.data.currency,
    priceIds: facts.priceIds,
    periodEnd: facts.periodEnd,
    paymentIntentId: facts.paymentIntentId,
  });
}

/** An invoice with a discount (a promotion code, a coupon) is the general path's. */
function discounted(invoice: Record<string, unknown>) {
  const listed = (value: unknown) => Array.isArray(value) && value.length > 0;
  return listed(invoice["discounts"]) || listed(invoice["total_discount_amounts"]);
}
