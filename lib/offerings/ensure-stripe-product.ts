import { db } from "@/lib/db";
import { getStripe } from "@/lib/stripe/client";

/**
 * The offering's Stripe Product, created once (the idempotency key makes concurrent callers share
 * one). Recurring offerings get it with their Price (sync-stripe-price.ts); a one-time offering
 * gets one when a discount is limited to it, so the coupon's `applies_to.products` can name it and
 * its checkout sessions sell that product.
 */
export async function ensureStripeProduct(offeringId: string): Promise<string> {
  const offering = await db.offering.findUniqueOrThrow({
    where: { id: offeringId },
    select: { name: true, description: true, stripeProductId: true },
  });
  if (offering.stripeProductId) return offering.stripeProductId;
  const stripe = await getStripe();
  const created = await stripe.products.create(
    {
      name: offering.name,
      description: offering.description || undefined,
      metadata: { offeringId },
    },
    { idempotencyKey: `product-for-offering-${offeringId}` },
  );
  await db.offering.update({ where: { id: offeringId }, data: { stripeProductId: created.id } });
  return created.id;
}
