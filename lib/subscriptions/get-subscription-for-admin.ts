import { db } from "@/lib/db";
import { loadStripePrices, subscriptionPrice } from "@/lib/subscriptions/subscription-price";

export type GetSubscriptionForAdminOptions = { subscriptionId: string };

/**
 * Everything an admin needs to answer "what is going on with this subscription?": its Stripe
 * state, the user, the offering and price, every order (invoice) of its purchase, and the
 * access trail those events left. Null when there is no such subscription.
 */
export async function getSubscriptionForAdmin({ subscriptionId }: GetSubscriptionForAdminOptions) {
  const subscription = await db.subscription.findUnique({
    where: { id: subscriptionId },
    select: {
      id: true,
      stripeSubscriptionId: true,
      stripeCustomerId: true,
      stripePriceId: true,
      purchaseId: true,
      status: true,
      currentPeriodStart: true,
      currentPeriodEnd: true,
      paidThrough: true,
      trialStart: true,
      trialEnd: true,
      cancelAtPeriodEnd: true,
      canceledAt: true,
      endedAt: true,
      paymentFailure: true,
      lastEventAt: true,
      createdAt: true,
      user: {
        select: { id: true, email: true, name: true, plan: true, stripeSubscriptionStatus: true },
      },
      offering: {
        select: { id: true, name: true, priceAmount: true, currency: true, pricingType: true },
      },
      purchase: {
        select: {
          status: true,
          expiresAt: true,
          orders: {
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            select: {
              id: true,
              amount: true,
              currency: true,
              status: true,
              refundedAmount: true,
              providerInvoiceId: true,
              paidAt: true,
              createdAt: true,
            },
          },
        },
      },
    },
  });
  if (!subscription) return null;
  const [prices, accessTrail] = await Promise.all([
    loadStripePrices([subscription.stripePriceId]),
    db.accessEvent.findMany({
      where: { purchaseId: subscription.purchaseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        action: true,
        cause: true,
        actorId: true,
        createdAt: true,
        community: { select: { id: true, name: true } },
      },
    }),
  ]);
  const { purchase, ...fields } = subscription;
  const stripePrice = fields.stripePriceId ? prices.get(fields.stripePriceId) : undefined;
  return {
    ...fields,
    price: subscriptionPrice(fields.offering, stripePrice),
    purchaseStatus: purchase.status,
    accessExpiresAt: purchase.expiresAt,
    orders: purchase.orders,
    accessTrail,
  };
}

export type AdminSubscriptionDetail = NonNullable<
  Awaited<ReturnType<typeof getSubscriptionForAdmin>>
>;
