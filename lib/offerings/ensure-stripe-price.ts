import { db } from "@/lib/db";
import { syncStripePrice } from "@/lib/offerings/sync-stripe-price";

/**
 * The Stripe price a recurring offering is sold at now, synced first if the offering was saved
 * while Stripe was unreachable (or before it was configured).
 */
export async function ensureStripePrice(offeringId: string): Promise<string> {
  const offering = await db.offering.findUniqueOrThrow({
    where: { id: offeringId },
    select: { stripePriceId: true, channel: true, paymentLink: true },
  });
  const needsLink = offering.channel === "STRIPE_PAYMENT_LINK" && !offering.paymentLink;
  if (offering.stripePriceId && !needsLink) return offering.stripePriceId;
  const synced = await syncStripePrice(offeringId);
  if (!synced) throw new Error(`Offering ${offeringId} is not a Stripe subscription offering`);
  return synced.stripePriceId;
}
