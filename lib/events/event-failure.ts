/**
 * Why an event did not apply: the codes an `EventResult` carries in `error`, recorded on the
 * ProcessedEvent row and shown in the admin event log. One list, so a handler cannot invent a
 * code that no caller maps.
 */
export const eventFailures = [
  "amount_mismatch",
  "price_mismatch",
  "malformed_event",
  "no_order_reference",
  "order_not_found",
  "purchase_not_found",
  "user_not_found",
  "user_mismatch",
  "unknown_customer",
  "unknown_subscription",
  "not_a_recurring_offering",
  "subscription_of_another_purchase",
  "duplicate_subscription",
] as const;

export type EventFailure = (typeof eventFailures)[number];
