/**
 * The four kinds of Stripe object the reconciliation reads (reconcile.ts), each with: whether our
 * database is behind it (a read, to skip what is already in step without writing anything), the
 * key that records "this state of this object was applied" exactly once, and how it is applied:
 * through the same fulfilment code as the webhook handlers, inside processEvent's transaction.
 */
import type Stripe from "stripe";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventResult, ProcessEventOptions } from "@/lib/events/process-event";
import { getStripe } from "@/lib/stripe/client";
import { refundCharge } from "@/lib/payments/stripe/events/charge-refunded";
import { applyPaidInvoice } from "@/lib/payments/stripe/events/invoice-paid";
import { applyCheckoutSession } from "@/lib/payments/stripe/events/apply-checkout-session";
import { sessionOrderId } from "@/lib/stripe/checkout-session";
import {
  invoiceFacts,
  stripeInvoiceShape,
  subscriptionChanged,
  subscriptionFields,
  stripeSubscriptionShape,
} from "@/lib/stripe/subscription-schemas";
import { applyStripeSubscription } from "@/lib/subscriptions/apply-stripe-subscription";

export const RECONCILE_PROVIDER = "stripe-reconcile";
export const reconcileKinds = ["checkout_session", "subscription", "invoice", "refund"] as const;
export type ReconcileKind = (typeof reconcileKinds)[number];

type Why = { cause: string; eventRecordId: string };

/** The object each kind is about, as the SDK lists it. */
export type ReconcileObjects = {
  checkout_session: Stripe.Checkout.Session;
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice;
  refund: Stripe.Refund;
};

type Reconciler<T> = {
  /** True when our database has not seen what the object says. */
  behind: (object: T) => Promise<boolean>;
  /** The state that is applied once: `reconcile:<object id>:<state>`. */
  key: (object: T) => string;
  apply: (tx: Tx, object: T, why: Why) => Promise<EventResult>;
};

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : (value?.id ?? null);

/** Stripe's order, only when it is one of ours (another app may share the Stripe account). */
async function ourStripeOrder(orderId: string | null | undefined) {
  if (!orderId) return null;
  return db.order.findFirst({
    where: { id: orderId, provider: "STRIPE" },
    select: { id: true, status: true, purchase: { select: { status: true } } },
  });
}

const checkoutSession = {
  async behind(session: Stripe.Checkout.Session) {
    if (session.status !== "complete" || session.payment_status === "unpaid") return false;
    const order = await ourStripeOrder(sessionOrderId(session));
    if (!order || order.purchase.status === "REFUNDED") return false;
    if (session.mode !== "subscription") return order.purchase.status !== "SUCCEEDED";
    const subscriptionId = idOf(session.subscription);
    const known =
      subscriptionId &&
      (await db.subscription.findUnique({
        where: { stripeSubscriptionId: subscriptionId },
        select: { id: true },
      }));
    return order.status !== "PAID" || !known;
  },
  key: (session: Stripe.Checkout.Session) => `reconcile:${session.id}:paid`,
  apply: (tx: Tx, session: Stripe.Checkout.Session, why: Why) =>
    applyCheckoutSession(tx, session, why),
};

const subscription = {
  async behind(object: Stripe.Subscription) {
    const parsed = stripeSubscriptionShape.safeParse(object);
    if (!parsed.success) return false;
    const row = await db.subscription.findUnique({ where: { stripeSubscriptionId: object.id } });
    // A subscription we never saw is ours only if it names one of our orders.
    if (!row) return Boolean(await ourStripeOrder(parsed.data.metadata.orderId));
    return subscriptionChanged(row, subscriptionFields(parsed.data));
  },
  key: (object: Stripe.Subscription) => {
    const periodEnd = object.items?.data[0]?.current_period_end ?? "none";
    return `reconcile:${object.id}:${object.status}:${periodEnd}:${object.cancel_at_period_end ? "canceling" : "renewing"}`;
  },
  /**
   * Re-read from Stripe after taking our row's lock, so the snapshot is at least as new as every
   * event already applied. It counts as an event from the moment the read began (less a few
   * seconds for clock skew): older events still in flight then change nothing, newer ones apply.
   */
  async apply(tx: Tx, object: Stripe.Subscription, why: Why) {
    const [row] = await tx.$queryRaw<{ lastEventAt: Date }[]>`
      SELECT "lastEventAt" FROM "Subscription" WHERE "stripeSubscriptionId" = ${object.id} FOR UPDATE`;
    const readFrom = new Date(Date.now() - 5_000);
    const fresh = await (await getStripe()).subscriptions.retrieve(object.id);
    const eventCreated = row && row.lastEventAt > readFrom ? row.lastEventAt : readFrom;
    return applyStripeSubscription(tx, fresh, { ...why, eventCreated, current: true });
  },
};

const invoice = {
  async behind(object: Stripe.Invoice) {
    const parsed = stripeInvoiceShape.safeParse(object);
    if (!parsed.success || object.status !== "paid") return false;
    const facts = invoiceFacts(parsed.data);
    if (!facts.subscriptionId) return false;
    const order = await db.order.findFirst({
      where: { provider: "STRIPE", providerInvoiceId: object.id },
      select: { status: true },
    });
    if (order) return order.status !== "PAID" && order.status !== "REFUNDED";
    const ours = await db.subscription.findUnique({
      where: { stripeSubscriptionId: facts.subscriptionId },
      select: { id: true },
    });
    return Boolean(ours ?? (await ourStripeOrder(facts.metadata.orderId)));
  },
  key: (object: Stripe.Invoice) => `reconcile:${object.id}:paid`,
  apply: (tx: Tx, object: Stripe.Invoice, why: Why) => applyPaidInvoice(tx, object, why),
};

/** A refund, read with its charge expanded: a fully refunded charge revokes its purchase. */
const refund = {
  async behind(object: Stripe.Refund) {
    const charge = object.charge;
    if (!charge || typeof charge === "string" || !charge.refunded || object.status !== "succeeded")
      return false;
    const intentId = idOf(charge.payment_intent);
    const order = await db.order.findFirst({
      where: {
        provider: "STRIPE",
        OR: [
          ...(intentId ? [{ providerCaptureId: intentId }] : []),
          ...(charge.metadata?.orderId ? [{ id: charge.metadata.orderId }] : []),
        ],
      },
      select: { purchase: { select: { status: true } } },
    });
    return Boolean(order && order.purchase.status !== "REFUNDED");
  },
  key: (object: Stripe.Refund) => `reconcile:${idOf(object.charge)}:refunded`,
  apply: (tx: Tx, object: Stripe.Refund, why: Why) =>
    refundCharge(tx, object.charge as Stripe.Charge, why),
};

const reconcilers: { [K in ReconcileKind]: Reconciler<ReconcileObjects[K]> } = {
  checkout_session: checkoutSession,
  subscription,
  invoice,
  refund,
};

/** Whether our database is behind this object (a read; nothing is written). */
export function isBehind<K extends ReconcileKind>(
  kind: K,
  object: ReconcileObjects[K],
): Promise<boolean> {
  const reconciler: Reconciler<ReconcileObjects[K]> = reconcilers[kind];
  return reconciler.behind(object);
}

/** What processEvent needs to apply one Stripe object under its reconcile key. */
export function reconcileToProcess<K extends ReconcileKind>(
  kind: K,
  object: ReconcileObjects[K],
): ProcessEventOptions {
  const reconciler: Reconciler<ReconcileObjects[K]> = reconcilers[kind];
  return {
    provider: RECONCILE_PROVIDER,
    eventId: reconciler.key(object),
    type: `reconcile.${kind}`,
    payload: object as unknown as Prisma.InputJsonValue,
    handle: (tx, record) =>
      reconciler.apply(tx, object, {
        cause: `stripe reconcile ${object.id}`,
        eventRecordId: record.recordId,
      }),
  };
}

/** A stored reconcile record, for an admin's replay: the object as Stripe listed it then. */
export function storedReconcileToProcess(type: string, payload: unknown): ProcessEventOptions {
  const kind = type.replace(/^reconcile\./, "") as ReconcileKind;
  if (!reconcileKinds.includes(kind) || !payload || typeof payload !== "object") {
    throw new AppError("conflict", `Not a reconcile record (${type}); it cannot be replayed.`);
  }
  return reconcileToProcess(kind, payload as ReconcileObjects[typeof kind]);
}
