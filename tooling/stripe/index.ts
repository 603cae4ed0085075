/**
 * The one builder of Stripe fixtures, for the tests and the benchmarks alike: objects and events
 * in Stripe's wire shape (API 2026-10-28.endive), serialised and signed as Stripe sends them.
 * Needs nothing from lib/, so Playwright specs can import it too.
 */
export { charge, refundedCharge, type ChargeFields } from "./charge";
export { checkoutSession, type CheckoutSessionFields } from "./checkout-session";
export {
  signedStripeDelivery,
  stripeDeliveryHeaders,
  stripeSignature,
  type StripeDeliveryRequest,
} from "./delivery";
export {
  API_VERSION,
  DAY,
  serialiseEvent,
  stripeEvent,
  stripeId,
  unixNow,
  type StripeEventObject,
  type StripeTestEvent,
} from "./event";
export {
  invoiceObject,
  subscriptionObject,
  type InvoiceFields,
  type SubscriptionFields,
} from "./subscription";
