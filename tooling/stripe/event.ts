/**
 * Stripe's event envelope as it posts it to a webhook endpoint, its ids and times, and the bytes
 * it sends.
 */
import { randomBytes } from "node:crypto";
import type Stripe from "stripe";

/** The API version the app pins (lib/stripe) and its events carry. */
export const API_VERSION = "2026-10-28.endive";

/** One day in Stripe's unit of time, seconds. */
export const DAY = 86_400;

/** Now, in Stripe's unix seconds. */
export const unixNow = () => Math.floor(Date.now() / 1000);

/** A fresh Stripe-looking id: `prefix` and `length` URL-safe characters (`evt_…`, `cs_test_…`). */
export const stripeId = (prefix: string, length = 24) =>
  `${prefix}${randomBytes(length).toString("base64url").slice(0, length)}`;

export type StripeEventObject = Stripe.Checkout.Session | Stripe.Charge | Record<string, unknown>;

/** The envelope Stripe posts to webhook endpoints. */
export function stripeEvent(
  type: string,
  object: StripeEventObject,
  overrides: { id?: string; created?: number } = {},
) {
  return {
    id: overrides.id ?? stripeId("evt_"),
    object: "event" as const,
    api_version: API_VERSION,
    created: overrides.created ?? unixNow(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export type StripeTestEvent = ReturnType<typeof stripeEvent>;

/** Stripe pretty-prints the events it posts; the signature covers exactly these bytes. */
export function serialiseEvent(event: object): string {
  return JSON.stringify(event, null, 2);
}
