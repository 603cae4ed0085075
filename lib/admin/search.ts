/**
 * The admin search box: one query finds users, purchases, orders, subscriptions and events by
 * email, by our ids, or by a provider's ids. The query's shape decides which lookups run (an
 * "@" is an email, "pi_" a payment intent, "sub_" a subscription…); a query of no known shape
 * tries every id column. Each lookup is served by an index (see prisma/schema.prisma), so the
 * search costs a handful of index probes however large the tables grow.
 */
import { db } from "@/lib/db";
import { PaymentProvider } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatMoney } from "@/lib/money";

export type SearchHitKind = "user" | "purchase" | "order" | "subscription" | "event" | "unclaimed";

export type SearchHit = {
  kind: SearchHitKind;
  id: string;
  title: string;
  detail: string;
  /** Which field the query matched, in words ("payment intent", "email"). */
  matched: string;
  /** The admin page that shows it, or null when there is none. */
  href: string | null;
};

export type SearchAdminOptions = { query: string; limit?: number };

export type QueryShape =
  | "email"
  | "checkout_session"
  | "payment_intent"
  | "invoice"
  | "subscription"
  | "customer"
  | "event"
  | "any";

const prefixes: Array<[string, QueryShape]> = [
  ["cs_", "checkout_session"],
  ["pi_", "payment_intent"],
  ["in_", "invoice"],
  ["sub_", "subscription"],
  ["cus_", "customer"],
  ["evt_", "event"],
];

/** What the query looks like, so only the lookups that can match it run. */
export function queryShape(query: string): QueryShape {
  if (query.includes("@")) return "email";
  return prefixes.find(([prefix]) => query.startsWith(prefix))?.[1] ?? "any";
}

/** Trigrams need three characters; anything shorter would read the whole index. */
const MIN_CONTAINS_LENGTH = 3;

// The unique keys on Order lead with the provider: naming every provider lets them serve a
// lookup by the provider's id alone.
const everyProvider = Object.values(PaymentProvider);

type Lookup = () => Promise<SearchHit[]>;

const userPage = (userId: string) => `/admin/users/${userId}`;
const purchaseAnchor = (userId: string, purchaseId: string) =>
  `${userPage(userId)}#purchase-${purchaseId}`;

function usersWhere(where: Prisma.UserWhereInput, matched: string, limit: number): Lookup {
  return async () => {
    const users = await db.user.findMany({
      where,
      orderBy: { email: "asc" },
      take: limit,
      select: { id: true, email: true, role: true, plan: true },
    });
    return users.map((user) => ({
      kind: "user" as const,
      id: user.id,
      title: user.email,
      detail: `${user.role === "ADMIN" ? "Admin" : "User"} · plan ${user.plan}`,
      matched,
      href: userPage(user.id),
    }));
  };
}

function purchaseById(id: string): Lookup {
  return async () => {
    const purchase = await db.purchase.findUnique({
      where: { id },
      select: {
        id: true,
        userId: true,
        status: true,
        user: { select: { email: true } },
        offering: { select: { name: true } },
      },
    });
    if (!purchase) return [];
    return [
      {
        kind: "purchase",
        id: purchase.id,
        title: `${purchase.offering.name} · ${purchase.user.email}`,
        detail: `Purchase · ${purchase.status.toLowerCase()}`,
        matched: "purchase id",
        href: purchaseAnchor(purchase.userId, purchase.id),
      },
    ];
  };
}

function ordersWhere(where: Prisma.OrderWhereInput, matched: string, limit: number): Lookup {
  return async () => {
    const orders = await db.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        purchaseId: true,
        userId: true,
        status: true,
        amount: true,
        currency: true,
        provider: true,
        user: { select: { email: true } },
        offering: { select: { name: true } },
      },
    });
    return orders.map((order) => ({
      kind: "order" as const,
      id: order.id,
      title: `${order.offering.name} · ${order.user.email}`,
      detail: `Order · ${formatMoney(order.amount, order.currency)} · ${order.status.toLowerCase()} · ${order.provider.toLowerCase()}`,
      matched,
      href: purchaseAnchor(order.userId, order.purchaseId),
    }));
  };
}

function subscriptionsWhere(
  where: Prisma.SubscriptionWhereInput,
  matched: string,
  limit: number,
): Lookup {
  return async () => {
    const subscriptions = await db.subscription.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        status: true,
        stripeSubscriptionId: true,
        user: { select: { email: true } },
        offering: { select: { name: true } },
      },
    });
    return subscriptions.map((subscription) => ({
      kind: "subscription" as const,
      id: subscription.id,
      title: `${subscription.offering.name} · ${subscription.user.email}`,
      detail: `Subscription ${subscription.stripeSubscriptionId} · ${subscription.status}`,
      matched,
      href: `/admin/subscriptions/${subscription.id}`,
    }));
  };
}

function eventsWhere(
  where: Prisma.ProcessedEventWhereInput,
  matched: string,
  limit: number,
): Lookup {
  return async () => {
    const events = await db.processedEvent.findMany({
      where,
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, provider: true, providerEventId: true, type: true, outcome: true },
    });
    return events.map((event) => ({
      kind: "event" as const,
      id: event.id,
      title: `${event.type} · ${event.providerEventId}`,
      detail: `Event from ${event.provider} · ${event.outcome.toLowerCase()}`,
      matched,
      href: `/admin/events/${event.id}`,
    }));
  };
}

/** Payments held for an address nobody has verified yet (PayPal and other providers' ids). */
function unclaimedByPaymentId(paymentId: string, limit: number): Lookup {
  return async () => {
    const payments = await db.unclaimedPayment.findMany({
      where: { paymentId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        email: true,
        amount: true,
        currency: true,
        claimedAt: true,
        eventRecordId: true,
        offering: { select: { name: true } },
      },
    });
    return payments.map((payment) => ({
      kind: "unclaimed" as const,
      id: payment.id,
      title: `${payment.offering.name} · ${payment.email}`,
      detail: `Unclaimed payment · ${formatMoney(payment.amount, payment.currency)} · ${payment.claimedAt ? "claimed" : "waiting for the address to be verified"}`,
      matched: "provider payment id",
      href: payment.eventRecordId ? `/admin/events/${payment.eventRecordId}` : null,
    }));
  };
}

function lookupsFor(query: string, limit: number): Lookup[] {
  const ordersBy = (
    field: "providerOrderId" | "providerCaptureId" | "providerInvoiceId",
    matched: string,
  ) => ordersWhere({ provider: { in: everyProvider }, [field]: query }, matched, limit);
  const emailContains =
    query.length >= MIN_CONTAINS_LENGTH && !/\s/.test(query)
      ? [usersWhere({ email: { contains: query, mode: "insensitive" } }, "email", limit)]
      : [];
  switch (queryShape(query)) {
    case "email":
      return emailContains;
    case "checkout_session":
      return [ordersBy("providerOrderId", "checkout session")];
    case "payment_intent":
      return [ordersBy("providerCaptureId", "payment intent")];
    case "invoice":
      return [ordersBy("providerInvoiceId", "invoice"), ordersBy("providerOrderId", "invoice")];
    case "subscription":
      return [subscriptionsWhere({ stripeSubscriptionId: query }, "Stripe subscription", limit)];
    case "customer":
      return [
        usersWhere({ stripeCustomerId: query }, "Stripe customer", limit),
        subscriptionsWhere({ stripeCustomerId: query }, "Stripe customer", limit),
      ];
    case "event":
      return [eventsWhere({ providerEventId: query }, "provider event id", limit)];
    case "any":
      return [
        usersWhere({ id: query }, "user id", 1),
        ...emailContains,
        purchaseById(query),
        ordersWhere({ id: query }, "order id", 1),
        ordersBy("providerOrderId", "provider order id"),
        ordersBy("providerCaptureId", "provider payment id"),
        ordersBy("providerInvoiceId", "invoice"),
        subscriptionsWhere({ id: query }, "subscription id", 1),
        eventsWhere({ id: query }, "event id", 1),
        eventsWhere({ providerEventId: query }, "provider event id", limit),
        unclaimedByPaymentId(query, limit),
      ];
  }
}

/** Everything the query names, users first, each once. An empty query finds nothing. */
export async function searchAdmin({ query, limit = 20 }: SearchAdminOptions): Promise<SearchHit[]> {
  const trimmed = query.trim();
  if (!trimmed) return [];
  const groups = await Promise.all(lookupsFor(trimmed, limit).map((lookup) => lookup()));
  const seen = new Set<string>();
  const order: SearchHitKind[] = [
    "user",
    "purchase",
    "order",
    "subscription",
    "event",
    "unclaimed",
  ];
  return groups
    .flat()
    .filter((hit) => {
      const key = `${hit.kind}:${hit.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
