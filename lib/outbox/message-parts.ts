/**
 * What the payload builders (message-data.ts) share: the subjects as the outbox triggers and jobs
 * write them, checked with zod, and the rows of the batch they name, read as payload pieces
 * (a user is its id and email, a community has its link on this app).
 */
import { z } from "zod";
import { appUrl } from "@/lib/env";
import type { ContextOrder, MessageContext } from "@/lib/outbox/message-context";

/** A row a subject names is gone (its user deleted, say): the message has nothing to send. */
export class MissingSubjectError extends Error {}

/** A time as the database wrote it into JSON (UTC, often without a zone) or as an ISO string. */
export const dbTime = z
  .string()
  .transform((value) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`));
const id = z.string().min(1);

const purchaseSubject = z.object({ purchaseId: id, userId: id, offeringId: id });
/**
 * What the deferred purchase and order triggers also record, as the transaction left it: the
 * paying order and the access end (a message written without them reads the rows instead).
 */
export const completedSubject = purchaseSubject.extend({
  orderId: id.nullish(),
  amount: z.number().int().nullish(),
  currency: z.string().nullish(),
  accessEndsAt: dbTime.nullish(),
});
export const refundedSubject = purchaseSubject.extend({
  refundedAt: dbTime.nullish(),
  orderIds: z.array(id).optional(),
  amount: z.number().int().nullish(),
  currency: z.string().nullish(),
});
export const renewalSubject = purchaseSubject.extend({
  orderId: id,
  accessEndsAt: dbTime.nullish(),
});
const accessSubject = z.object({
  membershipId: id.nullable(),
  userId: id,
  communityId: id,
  purchaseId: id.nullable(),
  manual: z.boolean().default(false),
  action: z.string().optional(),
  accessEndsAt: dbTime.nullish(),
  at: dbTime.optional(),
  accessEndedAt: dbTime.optional(),
});
const subscriptionSubject = purchaseSubject.extend({
  subscriptionId: id,
  status: z.string(),
  cancelAtPeriodEnd: z.boolean(),
  currentPeriodEnd: dbTime.nullable(),
  paidThrough: dbTime.nullable(),
  canceledAt: dbTime.nullable(),
  endedAt: dbTime.nullable(),
});
const commissionSubject = z.object({
  commissionId: id,
  orderId: id,
  beneficiaryId: id,
  offeringId: id,
});

export type Message = { type: string; subject: unknown; createdAt: Date };

export const iso = (value: Date) => value.toISOString();
export const isoOrNull = (value: Date | null | undefined) => (value ? value.toISOString() : null);

export function need<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new MissingSubjectError(`${what} no longer exists`);
  return row;
}

export function parts(context: MessageContext) {
  const user = (userId: string) => {
    const { id: userIdFound, email } = need(context.users.get(userId), `user ${userId}`);
    return { id: userIdFound, email };
  };
  const offering = (offeringId: string) =>
    need(context.offerings.get(offeringId), `offering ${offeringId}`);
  const community = (communityId: string) => {
    const row = need(context.communities.get(communityId), `community ${communityId}`);
    return { id: row.id, name: row.name, url: `${appUrl()}/communities/${row.id}` };
  };
  const communities = (offeringId: string) =>
    offering(offeringId)
      .communityIds.filter((communityId) => context.communities.has(communityId))
      .map(community);
  const offeringRef = (offeringId: string) => {
    const { id: offeringIdFound, name } = offering(offeringId);
    return { id: offeringIdFound, name };
  };
  const purchase = (purchaseId: string) =>
    need(context.purchases.get(purchaseId), `purchase ${purchaseId}`);
  const subscriptionOf = (purchaseId: string | null) =>
    purchaseId ? (context.subscriptionsByPurchase.get(purchaseId) ?? null) : null;
  const orders = (purchaseId: string): ContextOrder[] =>
    context.ordersByPurchase.get(purchaseId) ?? [];
  return { user, offeringRef, offering, communities, community, purchase, subscriptionOf, orders };
}

export function accessBase(subject: unknown, context: MessageContext) {
  const facts = accessSubject.parse(subject);
  const get = parts(context);
  const offeringId = facts.purchaseId ? purchaseOffering(context, facts.purchaseId) : null;
  const base = {
    membershipId: facts.membershipId,
    user: get.user(facts.userId),
    community: get.community(facts.communityId),
    offering: offeringId ? get.offeringRef(offeringId) : null,
    purchaseId: facts.purchaseId,
    subscriptionId: get.subscriptionOf(facts.purchaseId)?.id ?? null,
    manual: facts.manual,
  };
  return { facts, base };
}

export function subscriptionBase(subject: unknown, context: MessageContext) {
  const facts = subscriptionSubject.parse(subject);
  const get = parts(context);
  const base = {
    subscriptionId: facts.subscriptionId,
    purchaseId: facts.purchaseId,
    user: get.user(facts.userId),
    offering: get.offeringRef(facts.offeringId),
    status: facts.status,
    cancelAtPeriodEnd: facts.cancelAtPeriodEnd,
    currentPeriodEnd: isoOrNull(facts.currentPeriodEnd),
  };
  return { facts, base };
}

export function commissionBase(subject: unknown, context: MessageContext) {
  const facts = commissionSubject.parse(subject);
  const get = parts(context);
  const entry = need(
    context.commissions.get(facts.commissionId),
    `commission ${facts.commissionId}`,
  );
  const base = {
    commissionId: facts.commissionId,
    orderId: facts.orderId,
    level: entry.level,
    beneficiary: get.user(facts.beneficiaryId),
    offering: get.offeringRef(facts.offeringId),
    amount: entry.amount,
    currency: entry.currency,
  };
  return { facts, entry, base };
}

function purchaseOffering(context: MessageContext, purchaseId: string): string | null {
  return context.purchases.get(purchaseId)?.offeringId ?? null;
}
