/**
 * The subscription mix of bench:stripe-webhook and the scale-out e2e test: `subscribers` live
 * monthly subscriptions (rows written straight to the database, as their first month left them),
 * then, for each, the two events a renewal brings: `customer.subscription.updated` (the new
 * period) and `invoice.paid` (its invoice, with its payment expanded, as `expand[]=payments`
 * returns it, so no Stripe call is needed). Exactly once: one renewal order and one EXTEND per
 * subscriber.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import {
  DAY,
  invoiceObject,
  serialiseEvent,
  stripeEvent,
  subscriptionObject,
  unixNow,
} from "../stripe";
import { makeCommunity, makeOffering } from "./factories";

export type Subscribers = { offeringId: string; priceId: string; ids: string[] };

export async function prepareSubscribers(count: number): Promise<Subscribers> {
  const community = await makeCommunity("Bench members");
  const { id: offeringId } = await makeOffering({
    name: "Bench monthly",
    pricingType: "MONTHLY",
    priceAmount: 1900,
    communityIds: [community.id],
  });
  const priceId = `price_bench_${randomUUID().slice(0, 8)}`;
  await db.offering.update({
    where: { id: offeringId },
    data: {
      channel: "STRIPE_EMBEDDED",
      stripePriceId: priceId,
      prices: {
        create: { stripePriceId: priceId, amount: 1900, currency: "usd", pricingType: "MONTHLY" },
      },
    },
  });
  const ids = Array.from({ length: count }, (_, index) => `bench-sub-${index}`);
  const start = new Date((unixNow() - 10 * DAY) * 1000);
  const end = new Date(start.getTime() + 30 * DAY * 1000);
  await db.user.createMany({
    data: ids.map((id) => ({
      id,
      email: `${id}@example.test`,
      plan: "pro",
      stripeCustomerId: `cus_${id}`,
    })),
  });
  await db.purchase.createMany({
    data: ids.map((id) => ({
      id,
      userId: id,
      offeringId,
      status: "SUCCEEDED" as const,
      accessGrantedAt: start,
      expiresAt: end,
    })),
  });
  await db.order.createMany({
    data: ids.map((id) => ({
      purchaseId: id,
      userId: id,
      offeringId,
      amount: 1900,
      currency: "usd",
      provider: "STRIPE" as const,
      status: "PAID" as const,
      providerInvoiceId: `in_first_${id}`,
    })),
  });
  await db.subscription.createMany({
    data: ids.map((id) => ({
      stripeSubscriptionId: `sub_${id}`,
      stripeCustomerId: `cus_${id}`,
      stripePriceId: priceId,
      userId: id,
      offeringId,
      purchaseId: id,
      status: "active" as const,
      currentPeriodStart: start,
      currentPeriodEnd: end,
      paidThrough: end,
      lastEventAt: start,
    })),
  });
  await db.membership.createMany({
    data: ids.map((id) => ({
      userId: id,
      communityId: community.id,
      purchaseId: id,
      expiresAt: end,
    })),
  });
  return { offeringId, priceId, ids };
}

/** Two events per subscriber, interleaved as Stripe sends a renewal: updated, then invoice.paid. */
export function renewalEvents({ priceId, ids }: Subscribers): string[] {
  const start = unixNow() - 10 * DAY + 30 * DAY;
  const period = { periodStart: start, periodEnd: start + 30 * DAY };
  return ids.flatMap((id) => {
    const subscription = { id: `sub_${id}`, customer: `cus_${id}`, priceId };
    const invoice = invoiceObject({
      ...period,
      subscriptionId: subscription.id,
      customer: subscription.customer,
      priceId,
      paymentIntent: `pi_${id}`,
    });
    return [
      serialiseEvent(
        stripeEvent(
          "customer.subscription.updated",
          subscriptionObject({ ...subscription, ...period }),
        ),
      ),
      serialiseEvent(stripeEvent("invoice.paid", invoice)),
    ];
  });
}

/** Renewal orders and EXTEND rows: one each per subscriber when every renewal applied once. */
export async function countRenewals({ offeringId, ids }: Subscribers) {
  const [orders, extensions] = await Promise.all([
    db.order.count({ where: { offeringId, providerOrderId: { startsWith: "in_" } } }),
    db.accessEvent.count({ where: { action: "EXTEND", purchaseId: { in: ids } } }),
  ]);
  return { orders, extensions };
}
