/**
 * The event types that leave the app (docs/outgoing-webhooks.md has the catalogue with each
 * payload). Receivers see `type` and `version`; a change to a payload's shape that is not
 * additive raises its version.
 */
export const outboxEventTypes = [
  "purchase.completed",
  "purchase.refunded",
  "access.granted",
  "access.extended",
  "access.revoked",
  "access.expired",
  "subscription.created",
  "subscription.renewed",
  "subscription.past_due",
  "subscription.canceled",
  "commission.earned",
  "commission.paid",
] as const;

export type OutboxEventType = (typeof outboxEventTypes)[number];

/** Messages only the app's admins get, by email; never sent to webhook endpoints. */
export const internalMessageTypes = ["endpoint.disabled", "dead_letters.digest"] as const;

export type InternalMessageType = (typeof internalMessageTypes)[number];

export type OutboxMessageType = OutboxEventType | InternalMessageType;

export function isOutboxEventType(type: string): type is OutboxEventType {
  return (outboxEventTypes as readonly string[]).includes(type);
}
