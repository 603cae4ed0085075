import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { Subscription } from "@/lib/generated/prisma/client";
import type { EventResult } from "@/lib/events/process-event";
import { getStripe, isStripeMissing } from "@/lib/stripe/client";
import { cancelDuplicateSubscription } from "@/lib/subscriptions/cancel-duplicate-subscription";
import {
  stripeSubscriptionShape,
  subscriptionFields,
  type StripeSubscriptionSnapshot,
} from "@/lib/stripe/subscription-schemas";

export type LinkSubscriptionOptions = {
  stripeSubscriptionId: string;
  /** The object the event carried, when it is a subscription; otherwise Stripe is asked. */
  snapshot?: StripeSubscriptionSnapshot;
  /** Our order, when the caller already knows it (a completed checkout session names it). */
  orderId?: string;
};

export type LinkedSubscription = { subscription: Subscription } | { result: EventResult };

/**
 * Our row for a Stripe subscription, locked for the rest of the transaction so that events
 * about one subscription apply one at a time. An event can arrive before the checkout that
 * created the subscription has been reported; then the row is built now, from the order that
 * the subscription's metadata (Embedded Checkout) or its Checkout Session (Payment Links)
 * names. A subscription that leads to none of our orders is unmatched; an order that is not
 * committed yet fails the event, so Stripe delivers it again; a second subscription for one
 * purchase (two tabs on a Payment Link) is canceled and refunded.
 */
export async function linkSubscription(
  tx: Tx,
  options: LinkSubscriptionOptions,
): Promise<LinkedSubscription> {
  const existing = await lockSubscription(tx, options.stripeSubscriptionId);
  if (existing) return { subscription: existing };

  const snapshot = options.snapshot ?? (await retrieveSubscription(options.stripeSubscriptionId));
  if (!snapshot) return { result: { outcome: "UNMATCHED", error: "unknown_subscription" } };
  const orderId =
    options.orderId ?? snapshot.metadata.orderId ?? (await checkoutOrderId(snapshot.id));
  if (!orderId) {
    const customer = await tx.user.findUnique({
      where: { stripeCustomerId: snapshot.customer },
      select: { id: true },
    });
    return {
      result: {
        outcome: "UNMATCHED",
        error: customer ? "no_order_reference" : "unknown_customer",
        details: { customer: snapshot.customer },
      },
    };
  }
  const order = await tx.order.findFirst({
    where: { id: orderId, provider: "STRIPE" },
    select: {
      purchaseId: true,
      userId: true,
      offeringId: true,
      offering: { select: { pricingType: true } },
    },
  });
  if (!order)
    return { result: { outcome: "FAILED", error: "order_not_found", details: { orderId } } };
  if (order.offering.pricingType === "ONE_TIME") {
    return {
      result: { outcome: "UNMATCHED", error: "not_a_recurring_offering", details: { orderId } },
    };
  }

  const fields = subscriptionFields(snapshot);
  // A Payment Link's client_reference_id comes from a URL the buyer can edit: the price paid
  // must be one of this offering's prices.
  const price = await tx.offeringPrice.findFirst({
    where: { stripePriceId: fields.stripePriceId, offeringId: order.offeringId },
    select: { stripePriceId: true },
  });
  if (!price) {
    return {
      result: {
        outcome: "FAILED",
        error: "price_mismatch",
        details: { orderId, price: fields.stripePriceId },
      },
    };
  }
  // ON CONFLICT: a concurrent event for the same subscription may insert first; the unique
  // purchase key also refuses a second subscription for one purchase.
  await tx.$executeRaw`
    INSERT INTO "Subscription" (id, "stripeSubscriptionId", "stripeCustomerId", "stripePriceId", "userId", "offeringId",
      "purchaseId", status, "currentPeriodStart", "currentPeriodEnd", "cancelAtPeriodEnd", "canceledAt", "endedAt",
      "trialStart", "trialEnd", "lastEventAt", "updatedAt")
    VALUES (${randomUUID()}, ${snapshot.id}, ${fields.stripeCustomerId}, ${fields.stripePriceId}, ${order.userId},
      ${order.offeringId}, ${order.purchaseId}, ${fields.status}::"SubscriptionStatus", ${fields.currentPeriodStart},
      ${fields.currentPeriodEnd}, ${fields.cancelAtPeriodEnd}, ${fields.canceledAt}, ${fields.endedAt},
      ${fields.trialStart}, ${fields.trialEnd}, to_timestamp(0), now())
    ON CONFLICT DO NOTHING`;
  const created = await lockSubscription(tx, snapshot.id);
  if (!created) return { result: await cancelDuplicateSubscription(snapshot, order.purchaseId) };
  // A Payment Link makes the customer at Stripe: remember it for the billing portal.
  await tx.user.updateMany({
    where: { id: order.userId, stripeCustomerId: null },
    data: { stripeCustomerId: fields.stripeCustomerId },
  });
  return { subscription: created };
}

async function lockSubscription(tx: Tx, stripeSubscriptionId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Subscription" WHERE "stripeSubscriptionId" = ${stripeSubscriptionId} FOR UPDATE`;
  return row ? tx.subscription.findUniqueOrThrow({ where: { id: row.id } }) : null;
}

async function retrieveSubscription(id: string) {
  try {
    return stripeSubscriptionShape.parse(await (await getStripe()).subscriptions.retrieve(id));
  } catch (error) {
    if (isStripeMissing(error)) return null;
    throw error;
  }
}

/** A Payment Link's subscription carries no order id; the session that made it does. */
async function checkoutOrderId(subscriptionId: string): Promise<string | null> {
  const sessions = await (
    await getStripe()
  ).checkout.sessions.list({ subscription: subscriptionId, limit: 1 });
  const session = sessions.data[0];
  return session?.client_reference_id ?? session?.metadata?.orderId ?? null;
}
