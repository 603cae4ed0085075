/**
 * A user with a pending order for a recurring Embedded Checkout offering, the subscription and
 * invoices Stripe reports about it (built by tooling/stripe), delivered in-process, and the rows
 * they leave.
 */
import { expect } from "vitest";
import { db } from "@/lib/db";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { makeCommunity, makeOffering, makeUser } from "../../tooling/seed/factories";
import {
  invoiceObject,
  stripeEvent,
  stripeId,
  subscriptionObject,
  type InvoiceFields,
} from "../../tooling/stripe";
import { deliverStripeEvent } from "./stripe-webhook";

/**
 * A monthly (or yearly) Embedded Checkout offering with a known Stripe price, as syncing it
 * with Stripe leaves it (done here without Stripe), and a user with a pending order for it.
 */
export async function subscriptionScenario(
  options: {
    pricingType?: "MONTHLY" | "YEARLY";
    priceAmount?: number;
    /** An existing subscriber (with a Stripe customer) instead of a new user. */
    user?: { id: string; email: string; customerId: string };
  } = {},
) {
  const community = await makeCommunity();
  const created = await makeOffering({
    pricingType: options.pricingType ?? "MONTHLY",
    priceAmount: options.priceAmount ?? 1900,
    communityIds: [community.id],
  });
  const priceId = stripeId("price_");
  const offering = await db.offering.update({
    where: { id: created.id },
    data: {
      channel: "STRIPE_EMBEDDED",
      paymentLink: null,
      stripePriceId: priceId,
      prices: {
        create: {
          stripePriceId: priceId,
          amount: options.priceAmount ?? 1900,
          currency: "usd",
          pricingType: options.pricingType ?? "MONTHLY",
        },
      },
    },
  });
  const customerId = options.user?.customerId ?? stripeId("cus_");
  const user = options.user ?? (await makeUser());
  await db.user.update({ where: { id: user.id }, data: { stripeCustomerId: customerId } });
  const { purchaseId, orderId } = await db.$transaction((tx) =>
    openPendingPurchase(tx, { userId: user.id, offering, provider: "STRIPE" }),
  );
  const metadata = { purchaseId, orderId, offeringId: offering.id, userId: user.id };
  return {
    community,
    offering,
    user,
    customerId,
    priceId,
    purchaseId,
    orderId,
    metadata,
    subscriptionId: stripeId("sub_"),
  };
}

/** The subscription's row, its purchase's orders and memberships, and the user's plan. */
export async function subscriptionRows(purchaseId: string, userId: string) {
  const [subscription, orders, memberships, user, trail] = await Promise.all([
    db.subscription.findUnique({ where: { purchaseId } }),
    db.order.findMany({ where: { purchaseId }, orderBy: { createdAt: "asc" } }),
    db.membership.findMany({ where: { purchaseId } }),
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { plan: true, stripeSubscriptionStatus: true },
    }),
    db.accessEvent.findMany({
      where: { purchaseId },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    }),
  ]);
  return { subscription, orders, memberships, user, trail: trail.map(({ action }) => action) };
}

export type SubscriptionScenario = Awaited<ReturnType<typeof subscriptionScenario>>;

/** Delivers a signed event stamped `created` (Stripe's event time) and expects a 2xx. */
export async function deliverAt(type: string, object: object, created: number) {
  const answer = await deliverStripeEvent(
    stripeEvent(type, object as Record<string, unknown>, { created }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

type Period = { periodStart: number; periodEnd: number };

/** The scenario's subscription in a given state and period. */
export function scenarioSubscription(
  scenario: SubscriptionScenario,
  fields: Period & { status?: string; cancelAtPeriodEnd?: boolean; endedAt?: number },
) {
  return subscriptionObject({
    id: scenario.subscriptionId,
    customer: scenario.customerId,
    priceId: scenario.priceId,
    metadata: scenario.metadata,
    canceledAt: fields.endedAt,
    ...fields,
  });
}

/** An invoice of the scenario's subscription for a period (paid, with its payment intent, by default). */
export function scenarioInvoice(
  scenario: SubscriptionScenario,
  fields: Period &
    Partial<Pick<InvoiceFields, "id" | "billingReason" | "status" | "paymentIntent">>,
) {
  return invoiceObject({
    subscriptionId: scenario.subscriptionId,
    customer: scenario.customerId,
    priceId: scenario.priceId,
    metadata: scenario.metadata,
    paymentIntent: fields.paymentIntent ?? "pi_test_subscription_payment",
    ...fields,
  });
}

/**
 * What Stripe reports when a subscription starts, in its usual order: the subscription, then
 * its first invoice, paid. Returns the time of the last event.
 */
export async function subscribe(scenario: SubscriptionScenario, period: Period, at: number) {
  await deliverAt("customer.subscription.created", scenarioSubscription(scenario, period), at);
  await deliverAt(
    "invoice.paid",
    scenarioInvoice(scenario, { ...period, billingReason: "subscription_create" }),
    at + 1,
  );
  return at + 1;
}
