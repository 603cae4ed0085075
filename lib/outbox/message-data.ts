/**
 * A message's payload (`data`), built from its subject (the ids and facts its trigger or job
 * wrote) and the rows of the batch (message-context.ts), then checked against the catalogue.
 * Pure: the same subject and rows give the same payload.
 */
import { appUrl } from "@/lib/env";
import { catalogue, type MessageData } from "@/lib/outbox/catalogue";
import { isOutboxEventType, type OutboxEventType } from "@/lib/outbox/event-types";
import type { MessageContext } from "@/lib/outbox/message-context";
import {
  accessBase,
  commissionBase,
  iso,
  isoOrNull,
  need,
  parts,
  completedSubject,
  refundedSubject,
  renewalSubject,
  subscriptionBase,
  type Message,
} from "@/lib/outbox/message-parts";

export { MissingSubjectError } from "@/lib/outbox/message-parts";

const pricingTypes = { ONE_TIME: "one_time", MONTHLY: "monthly", YEARLY: "yearly" } as const;

type Builder = (subject: unknown, context: MessageContext, message: Message) => unknown;

const builders: Record<OutboxEventType, Builder> = {
  "purchase.completed": (subject, context, message) => {
    const facts = completedSubject.parse(subject);
    const get = parts(context);
    const purchase = get.purchase(facts.purchaseId);
    const offering = get.offering(facts.offeringId);
    const paid = get.orders(facts.purchaseId).find((order) => order.paidAt !== null) ?? null;
    return {
      purchaseId: facts.purchaseId,
      orderId: facts.orderId ?? paid?.id ?? null,
      subscriptionId: get.subscriptionOf(facts.purchaseId)?.id ?? null,
      user: get.user(facts.userId),
      offering: {
        ...get.offeringRef(facts.offeringId),
        pricingType: pricingTypes[offering.pricingType as keyof typeof pricingTypes],
      },
      communities: get.communities(facts.offeringId),
      amount: facts.amount ?? paid?.amount ?? offering.priceAmount,
      currency: facts.currency ?? paid?.currency ?? offering.currency,
      completedAt: iso(purchase.accessGrantedAt ?? message.createdAt),
      accessEndsAt: isoOrNull(
        facts.accessEndsAt === undefined ? purchase.expiresAt : facts.accessEndsAt,
      ),
    } satisfies MessageData<"purchase.completed">;
  },
  "purchase.refunded": (subject, context, message) => {
    const facts = refundedSubject.parse(subject);
    const get = parts(context);
    const offering = get.offering(facts.offeringId);
    const refunded = get.orders(facts.purchaseId).filter((order) => order.status === "REFUNDED");
    return {
      purchaseId: facts.purchaseId,
      orderIds: facts.orderIds ?? refunded.map((order) => order.id),
      subscriptionId: get.subscriptionOf(facts.purchaseId)?.id ?? null,
      user: get.user(facts.userId),
      offering: get.offeringRef(facts.offeringId),
      communities: get.communities(facts.offeringId),
      amount: facts.amount ?? refunded.reduce((sum, order) => sum + order.amount, 0),
      currency: facts.currency ?? refunded[0]?.currency ?? offering.currency,
      refundedAt: iso(facts.refundedAt ?? message.createdAt),
    } satisfies MessageData<"purchase.refunded">;
  },
  "access.granted": (subject, context, message) => {
    const { facts, base } = accessBase(subject, context);
    return {
      ...base,
      accessEndsAt: isoOrNull(facts.accessEndsAt),
      grantedAt: iso(facts.at ?? message.createdAt),
    } satisfies MessageData<"access.granted">;
  },
  "access.extended": (subject, context, message) => {
    const { facts, base } = accessBase(subject, context);
    return {
      ...base,
      accessEndsAt: isoOrNull(facts.accessEndsAt),
      change: facts.action === "SHORTEN" ? "earlier" : "later",
      changedAt: iso(facts.at ?? message.createdAt),
    } satisfies MessageData<"access.extended">;
  },
  "access.revoked": (subject, context, message) => {
    const { facts, base } = accessBase(subject, context);
    return {
      ...base,
      revokedAt: iso(facts.at ?? message.createdAt),
    } satisfies MessageData<"access.revoked">;
  },
  "access.expired": (subject, context, message) => {
    const { facts, base } = accessBase(subject, context);
    return {
      ...base,
      accessEndedAt: iso(facts.accessEndedAt ?? message.createdAt),
    } satisfies MessageData<"access.expired">;
  },
  "subscription.created": (subject, context) => {
    const { facts, base } = subscriptionBase(subject, context);
    const offering = parts(context).offering(facts.offeringId);
    return {
      ...base,
      communities: parts(context).communities(facts.offeringId),
      amount: offering.priceAmount,
      currency: offering.currency,
    } satisfies MessageData<"subscription.created">;
  },
  "subscription.renewed": (subject, context, message) => {
    const facts = renewalSubject.parse(subject);
    const get = parts(context);
    const order = need(context.orders.get(facts.orderId), `order ${facts.orderId}`);
    return {
      subscriptionId: get.subscriptionOf(facts.purchaseId)?.id ?? null,
      purchaseId: facts.purchaseId,
      orderId: order.id,
      user: get.user(facts.userId),
      offering: get.offeringRef(facts.offeringId),
      communities: get.communities(facts.offeringId),
      amount: order.amount,
      currency: order.currency,
      paidAt: iso(order.paidAt ?? message.createdAt),
      accessEndsAt: isoOrNull(
        facts.accessEndsAt === undefined
          ? get.purchase(facts.purchaseId).expiresAt
          : facts.accessEndsAt,
      ),
    } satisfies MessageData<"subscription.renewed">;
  },
  "subscription.past_due": (subject, context) => {
    const { facts, base } = subscriptionBase(subject, context);
    return {
      ...base,
      paidThrough: isoOrNull(facts.paidThrough),
      paymentFailure: parts(context).subscriptionOf(facts.purchaseId)?.paymentFailure ?? null,
      billingUrl: `${appUrl()}/dashboard/billing`,
    } satisfies MessageData<"subscription.past_due">;
  },
  "subscription.canceled": (subject, context) => {
    const { facts, base } = subscriptionBase(subject, context);
    const endsAt =
      facts.status === "canceled" ? (facts.endedAt ?? facts.canceledAt) : facts.currentPeriodEnd;
    return {
      ...base,
      canceledAt: isoOrNull(facts.canceledAt),
      endsAt: isoOrNull(endsAt),
      billingUrl: `${appUrl()}/dashboard/billing`,
    } satisfies MessageData<"subscription.canceled">;
  },
  "commission.earned": (subject, context) => {
    const { entry, base } = commissionBase(subject, context);
    return {
      ...base,
      rateBps: entry.rateBps,
      earnedAt: iso(entry.createdAt),
    } satisfies MessageData<"commission.earned">;
  },
  "commission.paid": (subject, context) => {
    const { entry, base } = commissionBase(subject, context);
    return {
      ...base,
      kind: entry.kind === "ADJUSTMENT" ? "adjustment" : "earning",
      payoutId: entry.payout?.id ?? null,
      payoutReference: entry.payout?.reference ?? null,
      paidAt: iso(entry.payout?.createdAt ?? entry.updatedAt),
    } satisfies MessageData<"commission.paid">;
  },
};

/**
 * The payload of a message and the version it is built to: a catalogued type's, checked against
 * its schema; any other type (the admins' internal messages) carries its subject as it is.
 */
export function buildMessageData(
  message: Message,
  context: MessageContext,
): { version: number; data: Record<string, unknown> } {
  if (!isOutboxEventType(message.type)) {
    const data = message.subject && typeof message.subject === "object" ? message.subject : {};
    return { version: 1, data: data as Record<string, unknown> };
  }
  const entry = catalogue[message.type];
  const data = entry.data.parse(builders[message.type](message.subject, context, message));
  return { version: entry.version, data };
}
