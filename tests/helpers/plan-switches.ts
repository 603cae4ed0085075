/**
 * Plan switches in the app's tests against the Stripe sandbox: a plan family of two offerings
 * (Studio Monthly, one community; Studio Yearly, that one and another), a subscriber paid with
 * 4242 through the app's checkout, and where a switch left our rows.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { makeCommunity, makeOffering, makeUser } from "../../tooling/seed/factories";
import type { setUpStripeSandbox } from "./stripe-app-sandbox";
import { deliverTwice } from "./trials";
import { eventMark, eventsSince } from "@offerings/stripe-sandbox/testing";

export const DAY = 86_400;

/** Studio Monthly ($12, one community) and Studio Yearly ($120, that one and another). */
export async function studioFamily() {
  const family = `Studio ${randomUUID().slice(0, 6)}`;
  const [forum, workshops] = [await makeCommunity("Forum"), await makeCommunity("Workshops")];
  const stripeOffering = { channel: "STRIPE_EMBEDDED", paymentLink: undefined, planFamily: family };
  const monthly = await makeOffering({
    ...stripeOffering,
    name: "Studio Monthly",
    priceAmount: 1200,
    pricingType: "MONTHLY",
    communityIds: [forum.id],
  });
  const yearly = await makeOffering({
    ...stripeOffering,
    name: "Studio Yearly",
    priceAmount: 12000,
    pricingType: "YEARLY",
    communityIds: [forum.id, workshops.id],
  });
  return { forum, workshops, monthly, yearly };
}

/** A buyer of one plan, paid with 4242, every event delivered twice; `days` later by the clock. */
export async function subscriber(
  stripe: ReturnType<typeof setUpStripeSandbox>,
  plan: "monthly" | "yearly",
  days: number,
) {
  const studio = await studioFamily();
  const buyer = await makeUser();
  const checkout = await startEmbeddedCheckout({ userId: buyer.id, offeringId: studio[plan].id });
  if (!checkout.success) throw new Error("expected a checkout");
  const mark = await eventMark(stripe.stripe);
  await stripe.pay(checkout.sessionId, "4242424242424242");
  await deliverTwice(await eventsSince(stripe.stripe, mark));
  if (days > 0) await stripe.sandbox.advanceClock(days * DAY);
  const subscription = await db.subscription.findUniqueOrThrow({
    where: { purchaseId: checkout.purchaseId },
  });
  const memberships = await db.membership.findMany({ where: { purchaseId: checkout.purchaseId } });
  expect(memberships).toHaveLength(plan === "monthly" ? 1 : 2);
  return {
    ...studio,
    buyer,
    subscription,
    purchaseId: checkout.purchaseId,
    forumMembership: memberships.find((row) => row.communityId === studio.forum.id)!,
  };
}

export type PlanScenario = Awaited<ReturnType<typeof subscriber>>;

/** Where the switch left our rows. */
export async function switched(scenario: PlanScenario) {
  const [subscription, purchase, memberships, orders] = await Promise.all([
    db.subscription.findUniqueOrThrow({ where: { id: scenario.subscription.id } }),
    db.purchase.findUniqueOrThrow({ where: { id: scenario.purchaseId } }),
    db.membership.findMany({ where: { purchaseId: scenario.purchaseId, revokedAt: null } }),
    db.order.findMany({
      where: { purchaseId: scenario.purchaseId },
      orderBy: { createdAt: "asc" },
      include: { lines: { orderBy: { position: "asc" } } },
    }),
  ]);
  return {
    subscriptionOffering: subscription.offeringId,
    purchaseOffering: purchase.offeringId,
    memberships: memberships.map((row) => row.communityId).sort(),
    forumMembershipKept: memberships.some((row) => row.id === scenario.forumMembership.id),
    orders: orders.map((order) => ({
      offeringId: order.offeringId,
      status: order.status,
      amount: order.amount,
      lines: order.lines.map((line) => [line.description, line.amount, line.proration]),
    })),
  };
}

/** Ends the sandbox's subscriptions of earlier tests, whose rows a database reset removed. */
export async function cancelLiveSubscriptions(stripe: ReturnType<typeof setUpStripeSandbox>) {
  const live = await stripe.stripe.subscriptions.list({ limit: 100 });
  for (const subscription of live.data) await stripe.stripe.subscriptions.cancel(subscription.id);
}
