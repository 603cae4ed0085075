/**
 * The fields of a dispatched message's `data` that the emails read, per message type. The
 * dispatcher builds `data` once from the message's subject (lib/outbox's catalogue holds the full
 * payloads); these schemas name only what an email needs, and ignore the rest. Amounts are in
 * minor units, dates are ISO strings in the stored JSON.
 */
import { z } from "zod";

const person = z.object({ id: z.string(), email: z.string().email() });
const offering = z.object({ id: z.string(), name: z.string() });
const community = z.object({ id: z.string(), name: z.string() });
const amount = z.number().int();
const currency = z.string().min(3).max(3);
const date = z.coerce.date();

const subscription = z.object({
  id: z.string(),
  status: z.string(),
  currentPeriodEnd: date.nullish(),
  cancelAtPeriodEnd: z.boolean().default(false),
  endedAt: date.nullish(),
});

/** purchase.completed: the receipt. */
export const purchaseCompletedData = z.object({
  user: person,
  offering,
  communities: z.array(community),
  purchase: z.object({ id: z.string(), accessEndsAt: date.nullish() }),
  amount,
  currency,
});

/** purchase.refunded: what was refunded, and for what. */
export const purchaseRefundedData = z.object({
  user: person,
  offering,
  purchase: z.object({ id: z.string() }),
  amount,
  currency,
});

/** subscription.past_due: the renewal that failed. */
export const subscriptionPastDueData = z.object({
  user: person,
  offering,
  subscription,
  amount: amount.nullish(),
  currency: currency.nullish(),
});

/** subscription.canceled: ended now, or ending at the period's end. */
export const subscriptionCanceledData = z.object({ user: person, offering, subscription });

/** commission.earned and commission.paid: the referrer is the commission's beneficiary. */
export const commissionData = z.object({
  referrer: z.object({ id: z.string() }),
  commission: z.object({
    id: z.string(),
    /** EARNING, or the negative ADJUSTMENT a refund after payout leaves: no email for that. */
    kind: z.string().default("EARNING"),
    amount,
    currency,
    level: z.number().int().default(1),
  }),
  offering: offering.nullish(),
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
export const buyerOfMessage = z.object({ user: person });
