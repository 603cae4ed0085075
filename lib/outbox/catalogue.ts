/**
 * The event catalogue: for each type that leaves the app, its version and the zod schema of its
 * payload's `data` (docs/outgoing-webhooks.md shows each). The dispatcher builds `data` once from
 * the message's subject (message-data.ts), checks it against this schema and freezes it: every
 * delivery and every replay sends the same body. A change that is not additive raises the
 * type's version.
 */
import { z } from "zod";
import type { OutboxEventType } from "@/lib/outbox/event-types";

const time = z.iso.datetime();
const id = z.string().min(1);

const user = z.object({ id, email: z.string() });
const offering = z.object({ id, name: z.string() });
/** A community, with the page on this app where its members reach its content. */
const community = z.object({ id, name: z.string(), url: z.url() });
const money = { amount: z.number().int(), currency: z.string().length(3) };

/** What every access message says: whose access to which community, and through what. */
const access = {
  membershipId: id.nullable(),
  user,
  community,
  /** The offering and purchase that gave it; null for access an admin granted by hand. */
  offering: offering.nullable(),
  purchaseId: id.nullable(),
  subscriptionId: id.nullable(),
  /** An admin did it by hand (access.expired: an admin had granted it by hand). */
  manual: z.boolean(),
};

/** What every subscription message says. */
const subscription = {
  subscriptionId: id,
  purchaseId: id,
  user,
  offering,
  status: z.string(),
  cancelAtPeriodEnd: z.boolean(),
  currentPeriodEnd: time.nullable(),
};

export const catalogue = {
  "purchase.completed": {
    version: 1,
    summary: "A purchase was paid: its access is granted (one access.granted per community).",
    data: z.object({
      purchaseId: id,
      orderId: id.nullable(),
      subscriptionId: id.nullable(),
      user,
      offering: offering.extend({ pricingType: z.enum(["one_time", "monthly", "yearly"]) }),
      communities: z.array(community),
      ...money,
      completedAt: time,
      accessEndsAt: time.nullable(),
    }),
  },
  "purchase.refunded": {
    version: 1,
    summary: "A completed purchase was refunded: its access is revoked (access.revoked).",
    data: z.object({
      purchaseId: id,
      orderIds: z.array(id),
      subscriptionId: id.nullable(),
      user,
      offering,
      communities: z.array(community),
      ...money,
      refundedAt: time,
    }),
  },
  "access.granted": {
    version: 1,
    summary: "A user can enter a community (a new membership, or one reopened).",
    data: z.object({ ...access, accessEndsAt: time.nullable(), grantedAt: time }),
  },
  "access.extended": {
    version: 1,
    summary: "The end of a user's access moved: `accessEndsAt` is the new end.",
    data: z.object({
      ...access,
      accessEndsAt: time.nullable(),
      change: z.enum(["later", "earlier"]),
      changedAt: time,
    }),
  },
  "access.revoked": {
    version: 1,
    summary: "A user's access was taken away (refund, subscription ended, an admin).",
    data: z.object({ ...access, revokedAt: time }),
  },
  "access.expired": {
    version: 1,
    summary: "A user's access ended by time (sent once, within a minute of the end).",
    data: z.object({ ...access, accessEndedAt: time }),
  },
  "subscription.created": {
    version: 1,
    summary: "A subscription started (its first payment is purchase.completed).",
    data: z.object({ ...subscription, communities: z.array(community), ...money }),
  },
  "subscription.renewed": {
    version: 1,
    summary: "A renewal was paid: one more paid order, access extended (access.extended).",
    data: z.object({
      subscriptionId: id.nullable(),
      purchaseId: id,
      orderId: id,
      user,
      offering,
      communities: z.array(community),
      ...money,
      paidAt: time,
      accessEndsAt: time.nullable(),
    }),
  },
  "subscription.past_due": {
    version: 1,
    summary: "A renewal payment failed: access runs to the end of the paid period.",
    data: z.object({
      ...subscription,
      paidThrough: time.nullable(),
      paymentFailure: z.string().nullable(),
      /** Where the user updates their card (the billing page opens the billing portal). */
      billingUrl: z.url(),
    }),
  },
  "subscription.canceled": {
    version: 1,
    summary: "A subscription was canceled: it ends at `endsAt` (now, or its period's end).",
    data: z.object({
      ...subscription,
      canceledAt: time.nullable(),
      endsAt: time.nullable(),
      billingUrl: z.url(),
    }),
  },
  "commission.earned": {
    version: 1,
    summary: "A referrer earned a commission on a paid order (payable after the hold period).",
    data: z.object({
      commissionId: id,
      orderId: id,
      level: z.number().int().min(1),
      beneficiary: user,
      offering,
      ...money,
      rateBps: z.number().int(),
      earnedAt: time,
    }),
  },
  "commission.paid": {
    version: 1,
    summary: "A commission entry was paid out (a negative adjustment settles a later refund).",
    data: z.object({
      commissionId: id,
      orderId: id,
      kind: z.enum(["earning", "adjustment"]),
      level: z.number().int().min(1),
      beneficiary: user,
      offering,
      ...money,
      payoutId: id.nullable(),
      payoutReference: z.string().nullable(),
      paidAt: time,
    }),
  },
} as const satisfies Record<
  OutboxEventType,
  { version: number; summary: string; data: z.ZodObject }
>;

export type MessageData<T extends OutboxEventType> = z.infer<(typeof catalogue)[T]["data"]>;

/** A message as it is sent: Standard Webhooks' `type`, `timestamp` and `data`, with our id and version. */
export type MessageBody = {
  id: string;
  type: string;
  version: number;
  timestamp: string;
  data: Record<string, unknown>;
};

/** The body every delivery of a dispatched message sends, byte for byte the same each time. */
export function messageBody(message: {
  id: string;
  type: string;
  version: number;
  createdAt: Date;
  data: Record<string, unknown>;
}): MessageBody {
  const { id: messageId, type, version, createdAt, data } = message;
  return { id: messageId, type, version, timestamp: createdAt.toISOString(), data };
}
