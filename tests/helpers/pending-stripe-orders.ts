/**
 * Many buyers' pending Stripe orders on one STRIPE_EMBEDDED offering, made the way checkout
 * makes them (openPendingPurchase), and the `checkout.session.completed` event Stripe posts once
 * each is paid. For the load tests and benchmarks; runs under tsx (it reaches lib/ modules that
 * import `next/*`, which Playwright's loader cannot resolve).
 */
import { db } from "@/lib/db";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { forEachConcurrently } from "../../scripts/bench/harness";
import { checkoutSession, embeddedOffering, serialiseEvent, stripeEvent } from "./stripe-events";

export type StripeOffering = {
  id: string;
  communityId: string;
  priceAmount: number;
  currency: string;
  orderIds: string[];
};

/** A STRIPE_EMBEDDED offering granting one community, each of `buyers` users with a pending order. */
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
  const orderIds = new Array<string>(buyers);
  await forEachConcurrently(buyers, 8, async (index) => {
    const userId = userIds[index];
    const opened = await db.$transaction((tx) =>
      openPendingPurchase(tx, { userId, offering: price, provider: "STRIPE" }),
    );
    orderIds[index] = opened.orderId;
  });
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
