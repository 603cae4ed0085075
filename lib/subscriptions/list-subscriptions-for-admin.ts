import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AdminSubscriptionQuery } from "@/lib/subscriptions/schemas";
import { cappedCount, keysetPage } from "@/lib/http/keyset-paging";
import { offeringIdsWithSubscriptions } from "@/lib/subscriptions/offerings-with-subscriptions";
import {
  loadStripePrices,
  monthlyAmount,
  subscriptionPrice,
} from "@/lib/subscriptions/subscription-price";

export type ListSubscriptionsForAdminOptions = AdminSubscriptionQuery;

/** Statuses that bring money in: paying, about to pay, or being dunned. */
const RECURRING = ["active", "trialing", "past_due"] as const;

/**
 * Monthly recurring revenue per currency: each active, trialing or past-due subscription's
 * price normalised to a month (yearly ÷ 12, rounded to the cent). Subscriptions are counted
 * per (offering, price) in the database, so the work grows with prices, not subscribers.
 */
export async function monthlyRecurringRevenue(): Promise<
  Array<{ currency: string; amount: number }>
> {
  const groups = await db.subscription.groupBy({
    by: ["offeringId", "stripePriceId"],
    where: { status: { in: [...RECURRING] } },
    _count: { _all: true },
  });
  const [offerings, prices] = await Promise.all([
    db.offering.findMany({
      where: { id: { in: [...new Set(groups.map((group) => group.offeringId))] } },
      select: { id: true, priceAmount: true, currency: true, pricingType: true },
    }),
    loadStripePrices(groups.map((group) => group.stripePriceId)),
  ]);
  const offeringById = new Map(offerings.map((offering) => [offering.id, offering]));
  const totals = new Map<string, number>();
  for (const group of groups) {
    const offering = offeringById.get(group.offeringId);
    if (!offering) continue;
    const price = subscriptionPrice(
      offering,
      group.stripePriceId ? prices.get(group.stripePriceId) : undefined,
    );
    const currency = price.currency.toLowerCase();
    totals.set(currency, (totals.get(currency) ?? 0) + monthlyAmount(price) * group._count._all);
  }
  return [...totals]
    .map(([currency, amount]) => ({ currency, amount }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

function filterWhere({
  status,
  email,
  offeringId,
}: AdminSubscriptionQuery): Prisma.SubscriptionWhereInput {
  return {
    ...(status ? { status } : {}),
    ...(offeringId ? { offeringId } : {}),
    ...(email ? { user: { email: { contains: email, mode: "insensitive" } } } : {}),
  };
}

/**
 * One filtered page of every user's subscriptions, newest first, with the MRR figure and the
 * offerings the filter can choose from (recurring ones, and any that has a subscription).
 */
export async function listSubscriptionsForAdmin(options: ListSubscriptionsForAdminOptions) {
  const { after, before, pageSize } = options;
  const where = filterWhere(options);
  const read = (
    window: Prisma.SubscriptionWhereInput,
    orderBy: Prisma.SubscriptionOrderByWithRelationInput[],
    take: number,
  ) =>
    db.subscription.findMany({
      where: { AND: [where, window] },
      orderBy,
      take,
      select: {
        id: true,
        status: true,
        stripePriceId: true,
        currentPeriodEnd: true,
        cancelAtPeriodEnd: true,
        endedAt: true,
        createdAt: true,
        user: { select: { email: true } },
        offering: {
          select: { id: true, name: true, priceAmount: true, currency: true, pricingType: true },
        },
      },
    });
  const [page, total, mrr, offerings] = await Promise.all([
    keysetPage({
      field: "createdAt",
      position: { after, before },
      pageSize,
      read,
      cursorOf: (row) => ({ at: row.createdAt, id: row.id }),
    }),
    cappedCount((take) => db.subscription.count({ where, take })),
    monthlyRecurringRevenue(),
    offeringIdsWithSubscriptions().then((withSubscriptions) =>
      db.offering.findMany({
        where: {
          OR: [{ pricingType: { in: ["MONTHLY", "YEARLY"] } }, { id: { in: withSubscriptions } }],
        },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: { id: true, name: true },
      }),
    ),
  ]);
  const prices = await loadStripePrices(page.items.map((row) => row.stripePriceId));
  const items = page.items.map(({ user, offering, stripePriceId, ...subscription }) => ({
    ...subscription,
    userEmail: user.email,
    offeringId: offering.id,
    offeringName: offering.name,
    ...subscriptionPrice(offering, stripePriceId ? prices.get(stripePriceId) : undefined),
  }));
  return {
    items,
    total,
    next: page.next,
    previous: page.previous,
    pageSize,
    mrr,
    offerings,
  };
}

export type AdminSubscriptionRow = Awaited<
  ReturnType<typeof listSubscriptionsForAdmin>
>["items"][number];
