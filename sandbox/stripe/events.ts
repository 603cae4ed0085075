/**
 * Stripe events: an immutable snapshot of one object at the moment something happened to it,
 * in the envelope Stripe sends to webhook endpoints and returns from `/v1/events`.
 */
import type { CheckoutSession } from "./checkout-objects";
import type { BillingPortalSession, PaymentLink } from "./link-objects";
import { API_VERSION, newId, unixNow, type Customer, type Price, type Product } from "./objects";
import type { Charge, PaymentIntent, Refund } from "./payment-objects";

export type StripeObject =
  | Customer
  | Product
  | Price
  | CheckoutSession
  | PaymentIntent
  | Charge
  | Refund
  | PaymentLink
  | BillingPortalSession;

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
  data: { object: StripeObject };
  livemode: false;
  pending_webhooks: number;
  request: EventRequest;
  type: string;
}

export function buildEvent(type: string, object: StripeObject, request: EventRequest): StripeEvent {
  return {
    id: newId("evt_", 24),
    object: "event",
    api_version: API_VERSION,
    created: unixNow(),
    // A deep copy: later changes to the object must not rewrite what the event said.
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { ...request },
    type,
  };
}
