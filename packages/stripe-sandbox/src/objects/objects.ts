/**
 * Stripe's catalogue objects as API version 2026-10-28.endive returns them: customer, product,
 * price, line item, payment link, billing portal session, and the list envelope. Only fields the
 * sandbox models carry real values; the rest hold Stripe's defaults so clients see full shapes.
 */
import { randomBytes } from "node:crypto";

export const API_VERSION = "2026-10-28.endive";

export type Metadata = Record<string, string>;

const ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 ids with Stripe's prefixes (`cus_`, `cs_test_`, `pi_`, …). */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let suffix = "";
  for (const byte of bytes) suffix += ID_ALPHABET[byte % ID_ALPHABET.length];
  return `${prefix}${suffix}`;
}

export interface ListObject<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

export function listOf<T>(url: string, data: T[], hasMore = false): ListObject<T> {
  return { object: "list", data, has_more: hasMore, url };
}

export interface Customer {
  id: string;
  object: "customer";
  address: null;
  balance: number;
  created: number;
  currency: string | null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: {
    custom_fields: null;
    default_payment_method: string | null;
    footer: null;
    rendering_options: null;
  };
  livemode: false;
  metadata: Metadata;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: "none";
  test_clock: null;
}

export interface CustomerFields {
  email: string | null;
  name: string | null;
  phone: string | null;
  description: string | null;
  metadata: Metadata;
  created: number;
}

export function buildCustomer(fields: CustomerFields): Customer {
  return {
    id: newId("cus_", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: fields.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: fields.description,
    email: fields.email,
    invoice_prefix: newId("", 8).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: fields.metadata,
    name: fields.name,
    next_invoice_sequence: 1,
    phone: fields.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

export interface Product {
  id: string;
  object: "product";
  active: boolean;
  created: number;
  default_price: string | null;
  description: string | null;
  images: string[];
  livemode: false;
  marketing_features: never[];
  metadata: Metadata;
  name: string;
  package_dimensions: null;
  shippable: null;
  statement_descriptor: null;
  tax_code: null;
  type: "service";
  unit_label: null;
  updated: number;
  url: null;
}

export function buildProduct(fields: {
  name: string;
  description: string | null;
  active: boolean;
  metadata: Metadata;
  created: number;
}): Product {
  const created = fields.created;
  return {
    id: newId("prod_", 14),
    object: "product",
    active: fields.active,
    created,
    default_price: null,
    description: fields.description,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: fields.metadata,
    name: fields.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    type: "service",
    unit_label: null,
    updated: created,
    url: null,
  };
}

export type RecurringInterval = "day" | "week" | "month" | "year";

export interface Price {
  id: string;
  object: "price";
  active: boolean;
  billing_scheme: "per_unit";
  created: number;
  currency: string;
  custom_unit_amount: null;
  livemode: false;
  lookup_key: string | null;
  metadata: Metadata;
  nickname: string | null;
  product: string;
  recurring: {
    interval: RecurringInterval;
    interval_count: number;
    meter: null;
    usage_type: "licensed";
  } | null;
  tax_behavior: "unspecified";
  tiers_mode: null;
  transform_quantity: null;
  type: "one_time" | "recurring";
  unit_amount: number;
  unit_amount_decimal: string;
}

export function buildPrice(fields: {
  currency: string;
  unitAmount: number;
  product: string;
  active: boolean;
  metadata: Metadata;
  nickname: string | null;
  lookupKey: string | null;
  recurring: { interval: RecurringInterval; intervalCount: number } | null;
  created: number;
}): Price {
  return {
    id: newId("price_", 24),
    object: "price",
    active: fields.active,
    billing_scheme: "per_unit",
    created: fields.created,
    currency: fields.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: fields.lookupKey,
    metadata: fields.metadata,
    nickname: fields.nickname,
    product: fields.product,
    recurring: fields.recurring && {
      interval: fields.recurring.interval,
      interval_count: fields.recurring.intervalCount,
      meter: null,
      usage_type: "licensed",
    },
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: fields.recurring ? "recurring" : "one_time",
    unit_amount: fields.unitAmount,
    unit_amount_decimal: String(fields.unitAmount),
  };
}

/** A checkout line item: Stripe embeds the full price object in it. */
export interface LineItem {
  id: string;
  object: "item";
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string;
  price: Price;
  quantity: number;
}

export function buildLineItem(price: Price, productName: string, quantity: number): LineItem {
  const amount = price.unit_amount * quantity;
  return {
    id: newId("li_", 24),
    object: "item",
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description: productName,
    price,
    quantity,
  };
}

/** Minor units to a display string, honouring zero-decimal currencies (JPY, KRW, …). */
export function formatAmount(amount: number, currency: string): string {
  const format = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
  });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
