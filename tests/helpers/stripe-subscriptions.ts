/**
 * Stripe's subscription objects as API 2026-10-28.endive puts them in events (periods on the
 * items, the invoice's subscription under `parent.subscription_details`), and a user with a
 * pending order for a recurring Embedded Checkout offering to point them at.
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { makeCommunity, makeOffering, makeUser } from "../../tooling/seed/factories";
import { deliverStripeEvent, stripeEvent } from "./stripe-webhook";

const stripeId = (prefix: string) =>
  `${prefix}${randomBytes(18).toString("base64url").slice(0, 24)}`;
export const DAY = 86_400;
export const unixNow = () => Math.floor(Date.now() / 1000);

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

export type SubscriptionFields = {
  id: string;
  customer: string;
  priceId: string;
  status?: string;
  periodStart: number;
  periodEnd: number;
  cancelAtPeriodEnd?: boolean;
  canceledAt?: number | null;
  endedAt?: number | null;
  metadata?: Record<string, string>;
};

export function subscriptionObject(fields: SubscriptionFields) {
  return {
    id: fields.id,
    object: "subscription",
    billing_cycle_anchor: fields.periodStart,
    cancel_at: fields.cancelAtPeriodEnd ? fields.periodEnd : null,
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    canceled_at: fields.canceledAt ?? null,
    collection_method: "charge_automatically",
    created: fields.periodStart,
    currency: "usd",
    customer: fields.customer,
    ended_at: fields.endedAt ?? null,
    items: {
      object: "list",
      data: [
        {
          id: stripeId("si_"),
          object: "subscription_item",
          current_period_start: fields.periodStart,
          current_period_end: fields.periodEnd,
          price: {
            id: fields.priceId,
            object: "price",
            recurring: { interval: "month", interval_count: 1 },
          },
          quantity: 1,
        },
      ],
      has_more: false,
    },
    latest_invoice: null,
    livemode: false,
    metadata: fields.metadata ?? {},
    start_date: fields.periodStart,
    status: fields.status ?? "active",
  };
}

export type InvoiceFields = {
  id?: string;
  subscriptionId: string;
  customer: string;
  priceId: string;
  periodStart: number;
  periodEnd: number;
  amount?: number;
  currency?: string;
  billingReason?: "subscription_create" | "subscription_cycle";
  status?: "paid" | "open";
  attemptCount?: number;
  metadata?: Record<string, string>;
  /** Only an expanded invoice (`expand[]=payments`) lists its payments. */
  paymentIntent?: string;
};

export function invoiceObject(fields: InvoiceFields) {
  const amount = fields.amount ?? 1900;
  const paid = (fields.status ?? "paid") === "paid";
  return {
    id: fields.id ?? stripeId("in_"),
    object: "invoice",
    amount_due: amount,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    attempt_count: fields.attemptCount ?? 1,
    billing_reason: fields.billingReason ?? "subscription_cycle",
    currency: fields.currency ?? "usd",
    customer: fields.customer,
    lines: {
      object: "list",
      data: [
        {
          id: stripeId("il_"),
          object: "line_item",
          amount,
          currency: fields.currency ?? "usd",
          period: { start: fields.periodStart, end: fields.periodEnd },
          pricing: {
            type: "price_details",
            price_details: { price: fields.priceId, product: "prod_x" },
            unit_amount_decimal: String(amount),
          },
        },
      ],
      has_more: false,
    },
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: {
        subscription: fields.subscriptionId,
        metadata: fields.metadata ?? {},
      },
    },
    ...(fields.paymentIntent
      ? {
          payments: {
            object: "list",
            data: [
              {
                id: stripeId("inpay_"),
                object: "invoice_payment",
                payment: { type: "payment_intent", payment_intent: fields.paymentIntent },
              },
            ],
            has_more: false,
          },
        }
      : {}),
    status: fields.status ?? "paid",
  };
}

/** A completed subscription-mode Checkout Session, as checkout.session.completed carries it. */
export function subscriptionSession(fields: {
  orderId: string;
  subscriptionId: string;
  invoiceId: string;
  customer: string;
  amount?: number;
  metadata?: Record<string, string>;
}) {
  return {
    id: stripeId("cs_test_"),
    object: "checkout.session",
    amount_subtotal: fields.amount ?? 1900,
    amount_total: fields.amount ?? 1900,
    client_reference_id: fields.orderId,
    currency: "usd",
    customer: fields.customer,
    customer_details: { email: "buyer@example.com" },
    invoice: fields.invoiceId,
    metadata: fields.metadata ?? { orderId: fields.orderId },
    mode: "subscription",
    payment_intent: null,
    payment_status: "paid",
    status: "complete",
    subscription: fields.subscriptionId,
    ui_mode: "embedded_page",
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
