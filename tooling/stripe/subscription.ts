/**
 * Stripe's subscription objects as API 2026-10-28.endive puts them in events: the periods on the
 * items, the invoice's subscription under `parent.subscription_details`.
 */
import { stripeId } from "./event";

export type SubscriptionFields = {
  id: string;
  customer: string;
  priceId: string;
  status?: string;
  periodStart: number;
  periodEnd: number;
  cancelAtPeriodEnd?: boolean;
  canceledAt?: number | null;
  endedAt?: number | null;
  metadata?: Record<string, string>;
};

/** A subscription with one monthly item, as `customer.subscription.*` reports it. */
export function subscriptionObject(fields: SubscriptionFields) {
  return {
    id: fields.id,
    object: "subscription",
    billing_cycle_anchor: fields.periodStart,
    cancel_at: fields.cancelAtPeriodEnd ? fields.periodEnd : null,
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    canceled_at: fields.canceledAt ?? null,
    collection_method: "charge_automatically",
    created: fields.periodStart,
    currency: "usd",
    customer: fields.customer,
    ended_at: fields.endedAt ?? null,
    items: {
      object: "list",
      data: [
        {
          id: stripeId("si_"),
          object: "subscription_item",
          current_period_start: fields.periodStart,
          current_period_end: fields.periodEnd,
          price: {
            id: fields.priceId,
            object: "price",
            recurring: { interval: "month", interval_count: 1 },
          },
          quantity: 1,
        },
      ],
      has_more: false,
    },
    latest_invoice: null,
    livemode: false,
    metadata: fields.metadata ?? {},
    start_date: fields.periodStart,
    status: fields.status ?? "active",
  };
}

export type InvoiceFields = {
  id?: string;
  subscriptionId: string;
  customer: string;
  priceId: string;
  periodStart: number;
  periodEnd: number;
  amount?: number;
  currency?: string;
  billingReason?: "subscription_create" | "subscription_cycle";
  status?: "paid" | "open";
  attemptCount?: number;
  metadata?: Record<string, string>;
  /** Only an expanded invoice (`expand[]=payments`) lists its payments. */
  paymentIntent?: string;
};

/** A subscription's invoice with one line, as `invoice.*` reports it (paid by default). */
export function invoiceObject(fields: InvoiceFields) {
  const amount = fields.amount ?? 1900;
  const paid = (fields.status ?? "paid") === "paid";
  return {
    id: fields.id ?? stripeId("in_"),
    object: "invoice",
    amount_due: amount,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    attempt_count: fields.attemptCount ?? 1,
    billing_reason: fields.billingReason ?? "subscription_cycle",
    currency: fields.currency ?? "usd",
    customer: fields.customer,
    lines: {
      object: "list",
      data: [
        {
          id: stripeId("il_"),
          object: "line_item",
          amount,
          currency: fields.currency ?? "usd",
          period: { start: fields.periodStart, end: fields.periodEnd },
          pricing: {
            type: "price_details",
            price_details: { price: fields.priceId, product: "prod_x" },
            unit_amount_decimal: String(amount),
          },
        },
      ],
      has_more: false,
    },
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: {
        subscription: fields.subscriptionId,
        metadata: fields.metadata ?? {},
      },
    },
    ...(fields.paymentIntent
      ? {
          payments: {
            object: "list",
            data: [
              {
                id: stripeId("inpay_"),
                object: "invoice_payment",
                payment: { type: "payment_intent", payment_intent: fields.paymentIntent },
              },
            ],
            has_more: false,
          },
        }
      : {}),
    status: fields.status ?? "paid",
  };
}
