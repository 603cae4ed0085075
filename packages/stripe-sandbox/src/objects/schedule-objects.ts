/**
 * The SubscriptionSchedule object (API 2026-10-28.endive): phases of a subscription's prices
 * over time. The sandbox builds one from an existing subscription (`from_subscription`) and
 * runs its phases at the subscription's period ends (billing/schedules.ts).
 */
import { newId, type Metadata } from "./objects";

export type ScheduleStatus = "not_started" | "active" | "completed" | "released" | "canceled";

export interface SchedulePhaseItem {
  billing_thresholds: null;
  discounts: never[];
  metadata: Metadata;
  plan: string;
  price: string;
  quantity: number;
  tax_rates: never[];
}

export interface SchedulePhase {
  add_invoice_items: never[];
  application_fee_percent: null;
  billing_cycle_anchor: null;
  billing_thresholds: null;
  collection_method: null;
  currency: string;
  default_payment_method: null;
  default_tax_rates: never[];
  description: null;
  discounts: never[];
  end_date: number;
  invoice_settings: null;
  items: SchedulePhaseItem[];
  metadata: Metadata;
  on_behalf_of: null;
  proration_behavior: "always_invoice" | "create_prorations" | "none";
  start_date: number;
  transfer_data: null;
  trial_end: null;
}

export interface SubscriptionSchedule {
  id: string;
  object: "subscription_schedule";
  application: null;
  billing_mode: { flexible: null; type: "classic" };
  canceled_at: number | null;
  completed_at: number | null;
  created: number;
  current_phase: { end_date: number; start_date: number } | null;
  customer: string;
  customer_account: null;
  default_settings: {
    application_fee_percent: null;
    billing_cycle_anchor: "automatic";
    billing_thresholds: null;
    collection_method: "charge_automatically";
    default_payment_method: null;
    description: null;
    invoice_settings: { account_tax_ids: null; days_until_due: null; issuer: { type: "self" } };
    on_behalf_of: null;
    transfer_data: null;
  };
  end_behavior: "release" | "cancel";
  livemode: false;
  metadata: Metadata;
  pause_schedules: never[];
  phases: SchedulePhase[];
  released_at: number | null;
  released_subscription: string | null;
  status: ScheduleStatus;
  subscription: string | null;
  test_clock: null;
}

export function buildPhase(fields: {
  currency: string;
  items: Array<{ price: string; quantity: number }>;
  start: number;
  end: number;
}): SchedulePhase {
  return {
    add_invoice_items: [],
    application_fee_percent: null,
    billing_cycle_anchor: null,
    billing_thresholds: null,
    collection_method: null,
    currency: fields.currency,
    default_payment_method: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    end_date: fields.end,
    invoice_settings: null,
    items: fields.items.map(({ price, quantity }) => ({
      billing_thresholds: null,
      discounts: [],
      metadata: {},
      plan: price,
      price,
      quantity,
      tax_rates: [],
    })),
    metadata: {},
    on_behalf_of: null,
    proration_behavior: "create_prorations",
    start_date: fields.start,
    transfer_data: null,
    trial_end: null,
  };
}

export function buildSchedule(fields: {
  customer: string;
  subscription: string;
  phase: SchedulePhase;
  created: number;
}): SubscriptionSchedule {
  return {
    id: newId("sub_sched_", 24),
    object: "subscription_schedule",
    application: null,
    billing_mode: { flexible: null, type: "classic" },
    canceled_at: null,
    completed_at: null,
    created: fields.created,
    current_phase: { end_date: fields.phase.end_date, start_date: fields.phase.start_date },
    customer: fields.customer,
    customer_account: null,
    default_settings: {
      application_fee_percent: null,
      billing_cycle_anchor: "automatic",
      billing_thresholds: null,
      collection_method: "charge_automatically",
      default_payment_method: null,
      description: null,
      invoice_settings: { account_tax_ids: null, days_until_due: null, issuer: { type: "self" } },
      on_behalf_of: null,
      transfer_data: null,
    },
    end_behavior: "release",
    livemode: false,
    metadata: {},
    pause_schedules: [],
    phases: [fields.phase],
    released_at: null,
    released_subscription: null,
    status: "active",
    subscription: fields.subscription,
    test_clock: null,
  };
}
