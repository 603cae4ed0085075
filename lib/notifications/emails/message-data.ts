/**
 * The fields of a dispatched message's `data` that the emails read, per message type. The
 * dispatcher builds `data` once from the message's subject (lib/outbox/catalogue.ts holds the
 * full payloads); these schemas name only what an email needs, and ignore the rest. Amounts are in
 * minor units, dates are ISO strings in the stored JSON.
 */
import { z } from "zod";

const user = z.object({ id: z.string(), email: z.string().email() });
const offering = z.object({ id: z.string(), name: z.string() });
const community = z.object({ id: z.string(), name: z.string() });
const amount = z.number().int();
const currency = z.string().length(3);
const date = z.coerce.date();

/** purchase.completed: the receipt. */
export const purchaseCompletedData = z.object({
  user,
  offering,
  communities: z.array(community),
  amount,
  currency,
  accessEndsAt: date.nullish(),
});

/** purchase.refunded: what was refunded, and for what. */
export const purchaseRefundedData = z.object({ user, offering, amount, currency });

/** subscription.past_due: the renewal that failed; access runs to the end of the paid period. */
export const subscriptionPastDueData = z.object({
  user,
  offering,
  currentPeriodEnd: date.nullish(),
  paidThrough: date.nullish(),
  /** The provider's reason ("Your card was declined."), when it gave one. */
  paymentFailure: z.string().nullish(),
});

/** subscription.canceled: ended now (status canceled), or ending at `endsAt`. */
export const subscriptionCanceledData = z.object({
  user,
  offering,
  status: z.string(),
  endsAt: date.nullish(),
});

/** commission.earned and commission.paid: the beneficiary is the referrer. */
export const commissionData = z.object({
  beneficiary: user,
  offering: offering.nullish(),
  amount,
  currency,
  level: z.number().int().default(1),
  /** commission.paid: "earning", or the negative "adjustment" a refund after payout settles. */
  kind: z.string().default("earning"),
});

/**
 * endpoint.disabled (internal): a webhook endpoint the app stopped sending to. Internal messages
 * are written by TypeScript with their whole content as the subject, which becomes `data`.
 */
export const endpointDisabledData = z.object({
  endpointId: z.string(),
  url: z.string(),
  description: z.string().default(""),
  reason: z.string().nullish(),
  disabledAt: date.nullish(),
});

export const deadDelivery = z.object({
  deliveryId: z.string(),
  messageId: z.string(),
  type: z.string(),
  channel: z.enum(["WEBHOOK", "EMAIL"]),
  /** The endpoint's URL, or the email's recipient. */
  destination: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullish(),
  diedAt: date,
});

/** dead_letters.digest (internal): the deliveries that died in one day. */
export const deadLettersDigestData = z.object({
  since: date,
  until: date,
  total: z.number().int(),
  /** The first of them (the digest lists at most 50; `total` counts all). */
  deliveries: z.array(deadDelivery),
});

/** Who a buyer's email goes to, read when the dispatcher plans it. */
export const buyerOfMessage = z.object({ user });
