/**
 * Many buyers' pending Stripe orders on one STRIPE_EMBEDDED offering, and the
 * `checkout.session.completed` event Stripe posts once each is paid. For the load tests and
 * benchmarks; runs under tsx or Vitest (it reaches lib/ modules that import `next/*`, which
 * Playwright's loader cannot resolve).
 */
import { db } from "@/lib/db";
import { checkoutSession, serialiseEvent, stripeEvent } from "../stripe";
import { embeddedOffering } from "./factories";

export type StripeOffering = {
  id: string;
  communityId: string;
  priceAmount: number;
  currency: string;
  orderIds: string[];
};

/**
 * A STRIPE_EMBEDDED offering granting one community, each of `buyers` users with a pending
 * purchase and order: the rows openPendingPurchase leaves (amount and currency copied from the
 * offering, provider STRIPE), written in bulk, since making 1,000 one by one takes seconds.
 */
export async function createPendingStripeOrders(
  label: string,
  buyers: number,
): Promise<StripeOffering> {
  const { community, offering } = await embeddedOffering({ name: `${label} offering` });
  const price = await db.offering.findUniqueOrThrow({
    where: { id: offering.id },
    select: { id: true, priceAmount: true, currency: true },
  });
  const userIds = Array.from({ length: buyers }, (_, index) => `bench-${label}-buyer-${index}`);
  await db.user.createMany({ data: userIds.map((id) => ({ id, email: `${id}@example.test` })) });
  const purchases = await db.purchase.createManyAndReturn({
    data: userIds.map((userId) => ({ userId, offeringId: price.id })),
    select: { id: true, userId: true },
  });
  const orders = await db.order.createManyAndReturn({
    data: purchases.map(({ id, userId }) => ({
      purchaseId: id,
      userId,
      offeringId: price.id,
      amount: price.priceAmount,
      currency: price.currency,
      provider: "STRIPE" as const,
    })),
    select: { id: true, userId: true },
  });
  // In the buyers' order, so orderIds[i] belongs to buyer i.
  const orderOf = new Map(orders.map((order) => [order.userId, order.id]));
  const orderIds = userIds.map((userId) => orderOf.get(userId) ?? "");
  return { ...price, communityId: community.id, orderIds };
}

/** The event Stripe posts once the order's embedded checkout is paid, as Stripe serialises it. */
export function completedEvent(offering: StripeOffering, orderId: string): string {
  const session = checkoutSession({
    orderId,
    metadata: { orderId, offeringId: offering.id },
    amount: offering.priceAmount,
    currency: offering.currency,
  });
  return serialiseEvent(stripeEvent("checkout.session.completed", session));
}
