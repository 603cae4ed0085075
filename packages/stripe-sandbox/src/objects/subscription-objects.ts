/**
 * The Subscription object (API 2026-10-28.endive) and its items. Since the "basil" versions the
 * billing period lives on each item (`items.data[0].current_period_end`), not on the
 * subscription. Periods follow the calendar from the billing cycle anchor, as at Stripe: a
 * subscription started on 31 January renews on 28 (or 29) February, then on 31 March.
 */
import { addBillingPeriod } from "../../../../lib/calendar/add-billing-period";
import {
  listOf,
  newId,
  type ListObject,
  type Metadata,
  type Price,
  type RecurringInterval,
} from "./objects";

export type SubscriptionStatus =
  | "active"
  | "canceled"
  | "incomplete"
  | "incomplete_expired"
  | "past_due"
  | "paused"
  | "trialing"
  | "unpaid";

/** The legacy Plan view of a recurring price, still embedded in every item. */
export interface Plan {
  id: string;
  object: "plan";
  active: boolean;
  amount: number;
  amount_decimal: string;
  billing_scheme: "per_unit";
  created: number;
  currency: string;
  interval: RecurringInterval;
  interval_count: number;
  livemode: false;
  metadata: Metadata;
  meter: null;
  nickname: string | null;
  product: string;
  tiers_mode: null;
  transform_usage: null;
  trial_period_days: null;
  usage_type: "licensed";
}

export interface SubscriptionItem {
  id: string;
  object: "subscription_item";
  billing_thresholds: null;
  created: number;
  current_period_end: number;
  current_period_start: number;
  current_trial: null;
  discounts: never[];
  metadata: Metadata;
  plan: Plan;
  price: Price;
  quantity: number;
  subscription: string;
  tax_rates: never[];
}

export interface CancellationDetails {
  comment: null;
  feedback: null;
  reason: "cancellation_requested" | "payment_failed" | null;
}

export interface Subscription {
  id: string;
  object: "subscription";
  application: null;
  application_fee_percent: null;
  automatic_tax: { disabled_reason: null; enabled: false; liability: null };
  billing_cycle_anchor: number;
  billing_cycle_anchor_config: null;
  billing_mode: { flexible: null; type: "classic" };
  billing_schedules: never[];
  billing_thresholds: null;
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  cancellation_details: CancellationDetails;
  collection_method: "charge_automatically";
  created: number;
  currency: string;
  customer: string;
  customer_account: null;
  days_until_due: null;
  default_payment_method: string | null;
  default_source: null;
  default_tax_rates: never[];
  description: string | null;
  discounts: string[];
  ended_at: number | null;
  invoice_settings: { account_tax_ids: null; issuer: { type: "self" } };
  items: ListObject<SubscriptionItem>;
  latest_invoice: string | null;
  livemode: false;
  managed_payments: null;
  metadata: Metadata;
  next_pending_invoice_item_invoice: null;
  on_behalf_of: null;
  pause_collection: null;
  payment_settings: {
    payment_method_options: null;
    payment_method_types: null;
    save_default_payment_method: "off" | "on_subscription";
  };
  pending_invoice_item_interval: null;
  pending_setup_intent: null;
  pending_update: null;
  /** The subscription schedule managing it (schedules.ts), if any. */
  schedule: string | null;
  start_date: number;
  status: SubscriptionStatus;
  test_clock: null;
  transfer_data: null;
  trial_end: number | null;
  trial_settings: { end_behavior: { missing_payment_method: TrialEndBehavior } };
  trial_start: number | null;
}

/** What Stripe does at a trial's end when the customer has no payment method. */
export type TrialEndBehavior = "cancel" | "create_invoice" | "pause";

/** Statuses that still bill: Stripe renews these at the end of each period. */
export const BILLING_STATUSES: readonly SubscriptionStatus[] = ["active", "trialing", "past_due"];

export function planOf(price: Price): Plan {
  if (!price.recurring) throw new Error(`price ${price.id} is not recurring`);
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: "per_unit",
    created: price.created,
    currency: price.currency,
    interval: price.recurring.interval,
    interval_count: price.recurring.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
}

/** A free trial from `created` to `end`: the first period, billed $0; billing starts at `end`. */
export interface TrialFields {
  end: number;
  endBehavior: TrialEndBehavior;
}

export function buildSubscription(fields: {
  customer: string;
  items: Array<{ price: Price; quantity: number }>;
  defaultPaymentMethod: string | null;
  latestInvoice: string | null;
  metadata: Metadata;
  description: string | null;
  created: number;
  trial?: TrialFields | null;
}): Subscription {
  const id = newId("sub_", 24);
  const { created } = fields;
  const trial = fields.trial ?? null;
  const items = fields.items.map(({ price, quantity }): SubscriptionItem => {
    const plan = planOf(price);
    return {
      id: newId("si_", 14),
      object: "subscription_item",
      billing_thresholds: null,
      created,
      // A trial is the first period; the billing cycle then counts from its end.
      current_period_end: trial?.end ?? periodBoundary(created, plan.interval, plan.interval_count),
      current_period_start: created,
      current_trial: null,
      discounts: [],
      metadata: {},
      plan,
      price,
      quantity,
      subscription: id,
      tax_rates: [],
    };
  });
  return {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trial?.end ?? created,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "classic" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: "charge_automatically",
    created,
    currency: fields.items[0].price.currency,
    customer: fields.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: fields.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: fields.description,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: "self" } },
    items: listOf(`/v1/subscription_items?subscription=${id}`, items),
    latest_invoice: fields.latestInvoice,
    livemode: false,
    managed_payments: null,
    metadata: fields.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: "on_subscription",
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: created,
    status: trial ? "trialing" : "active",
    test_clock: null,
    transfer_data: null,
    trial_end: trial?.end ?? null,
    trial_settings: {
      end_behavior: { missing_payment_method: trial?.endBehavior ?? "create_invoice" },
    },
    trial_start: trial ? created : null,
  };
}

/** When the subscription's current period ends: its items share one billing cycle. */
export function periodEndOf(subscription: Subscription): number {
  return Math.min(...subscription.items.data.map((item) => item.current_period_end));
}

const DAY_SECONDS = 86_400;

/**
 * `count` intervals after `anchor`, on the calendar: months keep the anchor's day of month
 * (clamped to the month's last day) and its time of day.
 */
export function periodBoundary(anchor: number, interval: RecurringInterval, count: number) {
  if (interval === "day") return anchor + count * DAY_SECONDS;
  if (interval === "week") return anchor + count * 7 * DAY_SECONDS;
  return Math.floor(addBillingPeriod(new Date(anchor * 1000), interval, count).getTime() / 1000);
}

/** The end of the period after the one that ends at `currentEnd`, counted from the anchor. */
export function nextPeriodEnd(anchor: number, currentEnd: number, plan: Plan): number {
  // Start from an underestimate (the longest possible interval), then step to the next boundary.
  const longest = { day: 1, week: 7, month: 31, year: 366 }[plan.interval] * DAY_SECONDS;
  let periods = Math.max(1, Math.floor((currentEnd - anchor) / (longest * plan.interval_count)));
  while (periodBoundary(anchor, plan.interval, periods * plan.interval_count) <= currentEnd) {
    periods++;
  }
  return periodBoundary(anchor, plan.interval, periods * plan.interval_count);
}
