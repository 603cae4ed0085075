import { db } from "@/lib/db";
import { listPlanSwitchOptions } from "@/lib/subscriptions/plan-switch-options";
import { loadStripePrices, subscriptionPrice } from "@/lib/subscriptions/subscription-price";

export type ListUserSubscriptionsOptions = { userId: string };

/**
 * A user's own subscriptions, newest first, with what each costs, where it stands and the plans
 * it can switch to, plus the
 * user's plan and whether they have a Stripe customer (the billing portal needs one).
 */
export async function listUserSubscriptions({ userId }: ListUserSubscriptionsOptions) {
  const [user, rows] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { plan: true, stripeCustomerId: true } }),
    db.subscription.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        status: true,
        stripePriceId: true,
        currentPeriodEnd: true,
        paidThrough: true,
        cancelAtPeriodEnd: true,
        canceledAt: true,
        endedAt: true,
        paymentFailure: true,
        pendingOfferingId: true,
        pendingSwitchAt: true,
        pendingOffering: { select: { name: true } },
        createdAt: true,
        offering: {
          select: { id: true, name: true, priceAmount: true, currency: true, pricingType: true },
        },
      },
    }),
  ]);
  const prices = await loadStripePrices(rows.map((row) => row.stripePriceId));
  const items = rows.map(({ offering, stripePriceId, ...subscription }) => ({
    ...subscription,
    offeringId: offering.id,
    offeringName: offering.name,
    ...subscriptionPrice(offering, stripePriceId ? prices.get(stripePriceId) : undefined),
  }));
  // The plans of each one's family it can switch to (plan-switch-options.ts).
  const switchOptions = await listPlanSwitchOptions(items);
  return {
    plan: user?.plan === "pro" ? ("pro" as const) : ("free" as const),
    hasStripeCustomer: Boolean(user?.stripeCustomerId),
    items: items.map((item) => ({ ...item, switchOptions: switchOptions.get(item.id) ?? [] })),
  };
}

export type UserSubscriptions = Awaited<ReturnType<typeof listUserSubscriptions>>;
export type UserSubscription = UserSubscriptions["items"][number];
