import type Stripe from "stripe";

/** The Stripe event types the webhook handles: the ones to select on Stripe's webhook endpoint. */
export const handledStripeEventTypes = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
  "charge.succeeded",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.trial_will_end",
  "invoice.paid",
  "invoice.payment_failed",
] as const satisfies readonly Stripe.Event["type"][];

export type HandledStripeEventType = (typeof handledStripeEventTypes)[number];
