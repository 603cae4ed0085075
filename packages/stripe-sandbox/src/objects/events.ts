/**
 * Stripe events: an immutable snapshot of one object at the moment something happened to it,
 * in the envelope Stripe sends to webhook endpoints and returns from `/v1/events`.
 */
import type { CheckoutSession } from "./checkout-objects";
import type { Invoice, InvoicePayment } from "./invoice-objects";
import type { BillingPortalSession, PaymentLink } from "./link-objects";
import { API_VERSION, newId, type Customer, type Price, type Product } from "./objects";
import type { Charge, PaymentIntent, Refund } from "./payment-objects";
import type { Subscription } from "./subscription-objects";
import type { SubscriptionSchedule } from "./schedule-objects";
import type { PaymentMethod } from "../types";
import type { Coupon, PromotionCode } from "./coupon-objects";

export type StripeObject =
  | Customer
  | Product
  | Price
  | CheckoutSession
  | PaymentIntent
  | Charge
  | Refund
  | PaymentLink
  | BillingPortalSession
  | Subscription
  | SubscriptionSchedule
  | Invoice
  | InvoicePayment
  | PaymentMethod
  | Coupon
  | PromotionCode;

/** What changed, on `*.updated` events: the old values of the fields that changed. */
export type PreviousAttributes = Record<string, unknown>;

/** The API request that caused an event, or nulls when the sandbox acted on its own. */
export interface EventRequest {
  id: string | null;
  idempotency_key: string | null;
}

export interface StripeEvent {
  id: string;
  object: "event";
  api_version: typeof API_VERSION;
  created: number;
  data: { object: StripeObject; previous_attributes?: PreviousAttributes };
  livemode: false;
  pending_webhooks: number;
  request: EventRequest;
  type: string;
}

export function buildEvent(
  type: string,
  object: StripeObject,
  request: EventRequest,
  created: number,
  previous?: PreviousAttributes,
): StripeEvent {
  // Deep copies: later changes to the object must not rewrite what the event said.
  const data: StripeEvent["data"] = { object: structuredClone(object) };
  if (previous) data.previous_attributes = structuredClone(previous);
  return {
    id: newId("evt_", 24),
    object: "event",
    api_version: API_VERSION,
    created,
    data,
    livemode: false,
    pending_webhooks: 1,
    request: { ...request },
    type,
  };
}
