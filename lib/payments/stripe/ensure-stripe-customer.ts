import { db } from "@/lib/db";
import { getStripe } from "@/lib/stripe/client";

/**
 * One Stripe customer per user, created on first checkout and stored. The idempotency key makes
 * two concurrent first checkouts get the same customer from Stripe.
 */
export async function ensureStripeCustomer(userId: string): Promise<string> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, name: true, stripeCustomerId: true },
  });
  if (user.stripeCustomerId) return user.stripeCustomerId;
  const customer = await (
    await getStripe()
  ).customers.create(
    { email: user.email, name: user.name ?? undefined, metadata: { userId } },
    { idempotencyKey: `customer-for-user-${userId}` },
  );
  await db.user.updateMany({
    where: { id: userId, stripeCustomerId: null },
    data: { stripeCustomerId: customer.id },
  });
  const stored = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { stripeCustomerId: true },
  });
  return stored.stripeCustomerId ?? customer.id;
}
