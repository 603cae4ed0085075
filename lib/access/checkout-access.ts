import type { PricingType } from "@/lib/generated/prisma/client";
import { hasOfferingAccess } from "@/lib/access/active-access";
import { isStripeSubscriptionOffering } from "@/lib/offerings/sync-stripe-price";
import { hasLiveSubscription } from "@/lib/access/has-live-subscription";

export type CheckoutOffering = { id: string; channel: string; pricingType: PricingType };

export type CheckoutAccess = { hasAccess: boolean; subscribed: boolean };

/**
 * Whether a user may start paying for an offering, as the checkout page, Embedded Checkout and
 * "Proceed to Payment" all ask it: not while a subscription to it is still billed, nor while a
 * purchase of it gives access (hasOfferingAccess, the one access rule). Paying again through a
 * link extends a recurring purchase, so there only a one-time offering is refused.
 */
export async function checkoutAccess(
  userId: string,
  offering: CheckoutOffering,
): Promise<CheckoutAccess> {
  if (isStripeSubscriptionOffering(offering) && (await hasLiveSubscription(userId, offering.id)))
    return { hasAccess: true, subscribed: true };
  const refusesRepeat =
    offering.channel === "STRIPE_EMBEDDED" || offering.pricingType === "ONE_TIME";
  const hasAccess = refusesRepeat && (await hasOfferingAccess(userId, offering.id));
  return { hasAccess, subscribed: false };
}
