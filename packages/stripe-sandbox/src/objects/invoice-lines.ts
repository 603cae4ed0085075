/**
 * Invoice line items (API 2026-10-28.endive): a line names its price in
 * `pricing.price_details.price`, its billing period in `period`, and what it bills in `parent`
 * (a subscription item, or a one-time invoice item on a subscription's first invoice).
 */
import { newId, type Metadata, type Price } from "./objects";

export interface InvoiceLineItem {
  id: string;
  object: "line_item";
  amount: number;
  currency: string;
  description: string | null;
  discount_amounts: Array<{ amount: number; discount: string }>;
  discountable: boolean;
  discounts: string[];
  invoice: string;
  livemode: false;
  metadata: Metadata;
  parent: {
    invoice_item_details: {
      invoice_item: string;
      proration: boolean;
      proration_details: { credited_items: CreditedItems | null };
      subscription: string;
    } | null;
    subscription_item_details: {
      invoice_item: string | null;
      proration: boolean;
      proration_details: { credited_items: CreditedItems | null };
      subscription: string;
      subscription_item: string;
    } | null;
    type: "invoice_item_details" | "subscription_item_details";
  };
  period: { end: number; start: number };
  pretax_credit_amounts: never[];
  pricing: {
    price_details: { price: string; product: string };
    type: "price_details";
    unit_amount_decimal: string;
  };
  quantity: number;
  quantity_decimal: string;
  subscription: string;
  subtotal: number;
  taxes: never[];
}

/** What a credit proration gives back: the invoice (and its line) that charged for the time. */
export interface CreditedItems {
  invoice: string;
  invoice_line_items: string[];
}

/** One thing to bill: a subscription item's period, or a one-time price on the first invoice. */
export interface InvoiceLineSource {
  price: Price;
  productName: string;
  quantity: number;
  period: { start: number; end: number };
  /** The subscription item it bills; null for a one-time price. */
  subscriptionItem: string | null;
  /** A trial's line: billed $0, "Trial period for …" (otherwise the price × quantity). */
  trial?: boolean;
  /**
   * A proration (billing/proration.ts): its signed amount and Stripe's description ("Unused
   * time on …" credits, "Remaining time on …" debits). It is an invoice item of the subscription
   * item, `proration: true`.
   */
  proration?: { amount: number; description: string; creditedItems?: CreditedItems | null };
}

export function buildInvoiceLine(
  invoiceId: string,
  subscription: string,
  source: InvoiceLineSource,
) {
  const { price, quantity, proration } = source;
  const amount = proration ? proration.amount : source.trial ? 0 : price.unit_amount * quantity;
  const details = {
    proration: Boolean(proration),
    proration_details: { credited_items: proration?.creditedItems ?? null },
  };
  const description = proration
    ? proration.description
    : source.trial
      ? `Trial period for ${source.productName}`
      : `${quantity} × ${source.productName}`;
  const line: InvoiceLineItem = {
    id: newId("il_", 24),
    object: "line_item",
    amount,
    currency: price.currency,
    description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: {},
    // A proration is an invoice item the change created, of the subscription item.
    parent: proration
      ? {
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: newId("ii_", 24),
            ...details,
            subscription,
            subscription_item: source.subscriptionItem ?? "",
          },
          type: "subscription_item_details",
        }
      : source.subscriptionItem
        ? {
            invoice_item_details: null,
            subscription_item_details: {
              invoice_item: null,
              ...details,
              subscription,
              subscription_item: source.subscriptionItem,
            },
            type: "subscription_item_details",
          }
        : {
            invoice_item_details: { invoice_item: newId("ii_", 24), ...details, subscription },
            subscription_item_details: null,
            type: "invoice_item_details",
          },
    period: { end: source.period.end, start: source.period.start },
    pretax_credit_amounts: [],
    pricing: {
      price_details: { price: price.id, product: price.product },
      type: "price_details",
      unit_amount_decimal: source.trial ? "0" : price.unit_amount_decimal,
    },
    quantity,
    quantity_decimal: String(quantity),
    subscription,
    subtotal: amount,
    taxes: [],
  };
  return line;
}
