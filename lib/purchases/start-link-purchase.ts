import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { checkoutAccess } from "@/lib/access/checkout-access";
import { fillPaymentLink, stripePaymentLinkUrl } from "@/lib/purchases/payment-link";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { isStripeSubscriptionOffering, syncStripePrice } from "@/lib/offerings/sync-stripe-price";
import { countCheckoutStarted } from "@/lib/observability/metrics";

export type StartLinkPurchaseOptions = {
  userId: string;
  offeringId: string;
  referralCode?: string | null;
};

export type StartLinkPurchaseResult =
  | { hasAccess: true }
  | { hasAccess: false; purchaseId: string; orderId: string; redirectUrl: string };

/**
 * "Proceed to Payment" for offerings paid through a link (an external provider's, or a Stripe
 * Payment Link): a pending purchase and order, then the link to send the buyer to.
 */
export async function startLinkPurchase({
  userId,
  offeringId,
  referralCode,
}: StartLinkPurchaseOptions): Promise<StartLinkPurchaseResult> {
  const offering = await db.offering.findFirst({
    where: { id: offeringId, archivedAt: null },
    select: {
      id: true,
      priceAmount: true,
      currency: true,
      pricingType: true,
      channel: true,
      paymentLink: true,
    },
  });
  if (!offering) throw new AppError("not_found", "This offering is not available.");
  if (offering.channel === "STRIPE_EMBEDDED") {
    throw new AppError("conflict", "This offering is paid through checkout, not a payment link.");
  }
  const stripeSubscription = isStripeSubscriptionOffering(offering);
  if ((await checkoutAccess(userId, offering)).hasAccess) return { hasAccess: true };
  // A recurring Payment Link is made when the offering is saved; if Stripe was down then, now.
  const paymentLink =
    offering.paymentLink ??
    (stripeSubscription ? (await syncStripePrice(offering.id))?.paymentLink : null);
  if (!paymentLink) throw new AppError("conflict", "This offering has no payment link yet.");
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const provider = offering.channel === "STRIPE_PAYMENT_LINK" ? "STRIPE" : "EXTERNAL";
  const { purchaseId, orderId } = await db.$transaction((tx) =>
    openPendingPurchase(tx, { userId, offering, provider, referralCode }),
  );
  countCheckoutStarted(offering.channel);

  const values = { purchaseId, orderId, userId, userEmail: user.email };
  const redirectUrl =
    provider === "STRIPE"
      ? stripePaymentLinkUrl(paymentLink, values)
      : fillPaymentLink(paymentLink, values);
  return { hasAccess: false, purchaseId, orderId, redirectUrl };
}
