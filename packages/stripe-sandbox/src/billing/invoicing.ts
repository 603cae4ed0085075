/**
 * Creating invoices for a subscription and the payment intent each one is paid through:
 * `draftInvoice` stores a draft, `issueInvoice` announces and finalizes it (billing.ts collects
 * it). One payment intent per invoice, reused by every retry, with its InvoicePayment.
 */
import type { SandboxContext } from "../context";
import {
  buildInvoice,
  buildInvoicePayment,
  type BillingReason,
  type Invoice,
  type InvoiceLineSource,
  type InvoicePayment,
} from "../objects/invoice-objects";
import { buildPaymentIntent, type PaymentIntent } from "../objects/payment-objects";
import type { Subscription } from "../objects/subscription-objects";
import { discountInvoice } from "./discounts";

/** A draft invoice, stored but not yet announced: `issueInvoice` does that. */
export function draftInvoice(
  context: SandboxContext,
  subscription: Subscription,
  billingReason: BillingReason,
  lines: InvoiceLineSource[],
  period: { start: number; end: number },
): Invoice {
  const customer = context.store.customer(subscription.customer);
  const invoice = buildInvoice({
    subscription,
    customer,
    billingReason,
    lines,
    period,
    created: context.now(),
  });
  discountInvoice(context, subscription, invoice);
  context.store.state.invoices[invoice.id] = invoice;
  return invoice;
}

/** `invoice.created` for the draft, then finalization: a number and `invoice.finalized`. */
export function issueInvoice(context: SandboxContext, invoice: Invoice): void {
  context.emit("invoice.created", invoice);
  const customer = context.store.customer(invoice.customer);
  invoice.status = "open";
  invoice.number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence).padStart(4, "0")}`;
  customer.next_invoice_sequence += 1;
  invoice.status_transitions.finalized_at = context.now();
  invoice.effective_at = context.now();
  invoice.automatically_finalizes_at = null;
  invoice.ending_balance = 0;
  context.emit("invoice.finalized", invoice);
}

export function subscriptionOf(context: SandboxContext, invoice: Invoice): Subscription {
  return context.store.subscription(invoice.parent.subscription_details.subscription);
}

export function invoicePaymentOf(
  context: SandboxContext,
  invoice: Invoice,
): InvoicePayment | undefined {
  return Object.values(context.store.state.invoicePayments).find(
    (payment) => payment.invoice === invoice.id && payment.is_default,
  );
}

/** The invoice's payment intent (one per invoice, reused by every retry), with its payment. */
export function intentFor(context: SandboxContext, invoice: Invoice): PaymentIntent {
  const state = context.store.state;
  const existing = invoicePaymentOf(context, invoice);
  if (existing) return state.paymentIntents[existing.payment.payment_intent];
  const intent = buildPaymentIntent({
    amount: invoice.amount_due,
    currency: invoice.currency,
    customer: invoice.customer,
    description:
      invoice.billing_reason === "subscription_create"
        ? "Subscription creation"
        : "Subscription update",
    metadata: {},
    created: context.now(),
  });
  state.paymentIntents[intent.id] = intent;
  const payment = buildInvoicePayment({
    invoice,
    paymentIntent: intent.id,
    created: context.now(),
  });
  state.invoicePayments[payment.id] = payment;
  context.emit("payment_intent.created", intent);
  return intent;
}

export function openInvoicesOf(context: SandboxContext, subscription: Subscription): Invoice[] {
  return Object.values(context.store.state.invoices).filter(
    (invoice) =>
      invoice.status === "open" &&
      invoice.parent.subscription_details.subscription === subscription.id,
  );
}
