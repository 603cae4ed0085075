import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getStripe } from "@/lib/stripe/client";

export type OpenBillingPortalOptions = { userId: string };

/**
 * A Stripe billing portal session for the user's own customer, returning to the billing page.
 * Users who never paid through Stripe have no customer, and so nothing to manage there.
 */
export async function openBillingPortal({
  userId,
}: OpenBillingPortalOptions): Promise<{ url: string }> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { stripeCustomerId: true },
  });
  if (!user.stripeCustomerId) {
    throw new AppError(
      "conflict",
      "You have no Stripe billing account yet: it is made with your first Stripe payment.",
      {
        reason: "no_stripe_customer",
      },
    );
  }
  const session = await (
    await getStripe()
  ).billingPortal.sessions.create({
    customer: user.stripeCustomerId,
    return_url: `${appUrl()}/dashboard/billing`,
  });
  return { url: session.url };
}
