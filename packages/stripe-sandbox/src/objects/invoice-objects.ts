/**
 * Invoices and invoice payments (API 2026-10-28.endive): an invoice names its subscription in
 * `parent.subscription_details` (lines are in invoice-lines.ts), and the payment intents that
 * pay it are InvoicePayments, listed by `/v1/invoice_payments?invoice=…` or included with
 * `expand[]=payments` (never there by default).
 */
import { buildInvoiceLine, type InvoiceLineItem, type InvoiceLineSource } from "./invoice-lines";
import { listOf, newId, type ListObject, type Metadata } from "./objects";

export type { InvoiceLineItem, InvoiceLineSource } from "./invoice-lines";

export type InvoiceStatus = "draft" | "open" | "paid" | "uncollectible" | "void";
/** `subscription_update`: a price switch invoiced at once; `upcoming`: a preview (never stored). */
export type BillingReason =
  "subscription_create" | "subscription_cycle" | "subscription_update" | "upcoming";

export interface Invoice {
  id: string;
  object: "invoice";
  account_country: "US";
  account_name: string;
  account_tax_ids: null;
  amount_due: number;
  amount_overpaid: number;
  amount_paid: number;
  amount_remaining: number;
  amount_shipping: number;
  application: null;
  attempt_count: number;
  attempted: boolean;
  auto_advance: boolean;
  automatic_tax: {
    disabled_reason: null;
    enabled: false;
    liability: null;
    provider: null;
    status: null;
  };
  automatically_finalizes_at: number | null;
  billing_reason: BillingReason;
  collection_method: "charge_automatically";
  created: number;
  currency: string;
  custom_fields: null;
  customer: string;
  customer_account: null;
  customer_address: null;
  customer_email: string | null;
  customer_name: string | null;
  customer_phone: string | null;
  customer_shipping: null;
  customer_tax_exempt: "none";
  customer_tax_ids: never[];
  default_payment_method: null;
  default_source: null;
  default_tax_rates: never[];
  description: string | null;
  discounts: string[];
  due_date: null;
  effective_at: number | null;
  ending_balance: number | null;
  footer: null;
  from_invoice: null;
  hosted_invoice_url: string | null;
  invoice_pdf: string | null;
  issuer: { type: "self" };
  last_finalization_error: null;
  latest_revision: null;
  lines: ListObject<InvoiceLineItem>;
  livemode: false;
  metadata: Metadata;
  next_payment_attempt: number | null;
  number: string | null;
  on_behalf_of: null;
  parent: {
    quote_details: null;
    subscription_details: {
      metadata: Metadata;
      subscription: string;
      /** Previews of a change only: the time prorations were counted from. */
      subscription_proration_date?: number;
    };
    type: "subscription_details";
  };
  payment_settings: {
    default_mandate: null;
    payment_method_options: null;
    payment_method_types: null;
  };
  period_end: number;
  period_start: number;
  post_payment_credit_notes_amount: number;
  pre_payment_credit_notes_amount: number;
  receipt_number: null;
  rendering: null;
  shipping_cost: null;
  shipping_details: null;
  starting_balance: number;
  statement_descriptor: null;
  status: InvoiceStatus;
  status_transitions: {
    finalized_at: number | null;
    marked_uncollectible_at: number | null;
    paid_at: number | null;
    voided_at: number | null;
  };
  subtotal: number;
  subtotal_excluding_tax: number;
  test_clock: null;
  total: number;
  total_discount_amounts: Array<{ amount: number; discount: string }>;
  total_excluding_tax: number;
  total_pretax_credit_amounts: never[];
  total_taxes: never[];
  webhooks_delivered_at: number | null;
}

export interface InvoicePayment {
  id: string;
  object: "invoice_payment";
  amount_paid: number | null;
  amount_requested: number;
  created: number;
  currency: string;
  invoice: string;
  is_default: boolean;
  livemode: false;
  payment: { payment_intent: string; type: "payment_intent" };
  status: "open" | "paid" | "canceled";
  status_transitions: { canceled_at: number | null; paid_at: number | null };
}

/** A draft invoice for a subscription, as Stripe creates one before finalizing it. */
export function buildInvoice(fields: {
  subscription: { id: string; metadata: Metadata };
  customer: { id: string; email: string | null; name: string | null; phone: string | null };
  billingReason: BillingReason;
  lines: InvoiceLineSource[];
  period: { start: number; end: number };
  created: number;
}): Invoice {
  const id = newId("in_", 24);
  const lines = fields.lines.map((source) => buildInvoiceLine(id, fields.subscription.id, source));
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  // A negative total (more credit than charge) is due as 0; Stripe would put the rest on the
  // customer's credit balance, which the sandbox does not keep.
  const due = Math.max(0, total);
  const { customer, created } = fields;
  return {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Stripe Sandbox",
    account_tax_ids: null,
    amount_due: due,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: due,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: {
      disabled_reason: null,
      enabled: false,
      liability: null,
      provider: null,
      status: null,
    },
    automatically_finalizes_at: created,
    billing_reason: fields.billingReason,
    collection_method: "charge_automatically",
    created,
    currency: lines[0].currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: customer.email,
    customer_name: customer.name,
    customer_phone: customer.phone,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: listOf(`/v1/invoices/${id}/lines`, lines),
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      quote_details: null,
      subscription_details: {
        metadata: { ...fields.subscription.metadata },
        subscription: fields.subscription.id,
      },
      type: "subscription_details",
    },
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    },
    period_end: fields.period.end,
    period_start: fields.period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "draft",
    status_transitions: {
      finalized_at: null,
      marked_uncollectible_at: null,
      paid_at: null,
      voided_at: null,
    },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

export function buildInvoicePayment(fields: {
  invoice: Invoice;
  paymentIntent: string;
  created: number;
}): InvoicePayment {
  return {
    id: newId("inpay_", 24),
    object: "invoice_payment",
    amount_paid: null,
    amount_requested: fields.invoice.amount_due,
    created: fields.created,
    currency: fields.invoice.currency,
    invoice: fields.invoice.id,
    is_default: true,
    livemode: false,
    payment: { payment_intent: fields.paymentIntent, type: "payment_intent" },
    status: "open",
    status_transitions: { canceled_at: null, paid_at: null },
  };
}
