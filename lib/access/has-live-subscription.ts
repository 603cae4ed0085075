import { db } from "@/lib/db";

/**
 * True while the user has a subscription to this offering that Stripe still bills: active,
 * trialing, or past_due (fixed in the billing portal, not by subscribing twice).
 */
export async function hasLiveSubscription(userId: string, offeringId: string): Promise<boolean> {
  const live = await db.subscription.findFirst({
    where: { userId, offeringId, status: { in: ["active", "trialing", "past_due"] } },
    select: { id: true },
  });
  return live !== null;
}
