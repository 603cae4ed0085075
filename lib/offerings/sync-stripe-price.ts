import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import type { PricingType } from "@/lib/generated/prisma/client";
import { getStripe } from "@/lib/stripe/client";
import { ensureStripeProduct } from "@/lib/offerings/ensure-stripe-product";

const intervals = { MONTHLY: "month", YEARLY: "year" } as const;

export type SyncedPrice = { stripePriceId: string; paymentLink: string | null };

/** True for offerings sold as Stripe subscriptions. */
export function isStripeSubscriptionOffering(offering: {
  channel: string;
  pricingType: PricingType;
}) {
  return offering.channel !== "EXTERNAL_LINK" && offering.pricingType !== "ONE_TIME";
}

/**
 * Keeps a recurring Stripe offering's Product and Price in step with it. Prices are immutable
 * at Stripe, so a changed amount, currency or interval makes a new Price (the old one is
 * deactivated; its subscribers keep renewing on it, and OfferingPrice still recognises its
 * invoices). A Payment Link offering gets a new link for the new price. Returns null for
 * offerings that are not Stripe subscriptions.
 */
export async function syncStripePrice(offeringId: string): Promise<SyncedPrice | null> {
  const offering = await db.offering.findUniqueOrThrow({
    where: { id: offeringId },
    include: { prices: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!isStripeSubscriptionOffering(offering)) return null;
  const stripe = await getStripe();
  const interval = intervals[offering.pricingType as keyof typeof intervals];
  const product = { name: offering.name, description: offering.description || undefined };

  let productId = offering.stripeProductId;
  if (productId) await stripe.products.update(productId, product);
  else productId = await ensureStripeProduct(offeringId);

  const current = offering.prices.find((price) => price.stripePriceId === offering.stripePriceId);
  const unchanged =
    current &&
    current.amount === offering.priceAmount &&
    current.currency === offering.currency &&
    current.pricingType === offering.pricingType;
  let stripePriceId = unchanged ? current.stripePriceId : null;
  if (!stripePriceId) {
    const price = await stripe.prices.create({
      product: productId,
      currency: offering.currency,
      unit_amount: offering.priceAmount,
      recurring: { interval },
      metadata: { offeringId },
    });
    stripePriceId = price.id;
    await db.$transaction([
      db.offeringPrice.create({
        data: {
          stripePriceId,
          offeringId,
          amount: offering.priceAmount,
          currency: offering.currency,
          pricingType: offering.pricingType,
        },
      }),
      db.offering.update({ where: { id: offeringId }, data: { stripePriceId } }),
    ]);
    if (offering.stripePriceId)
      await stripe.prices.update(offering.stripePriceId, { active: false });
  }

  if (offering.channel !== "STRIPE_PAYMENT_LINK") return { stripePriceId, paymentLink: null };
  if (unchanged && offering.stripePaymentLinkId && offering.paymentLink)
    return { stripePriceId, paymentLink: offering.paymentLink };
  const link = await stripe.paymentLinks.create({
    line_items: [{ price: stripePriceId, quantity: 1 }],
    // Promotion codes from Admin → Discounts can be typed on the link's checkout page.
    allow_promotion_codes: true,
    metadata: { offeringId },
    subscription_data: { metadata: { offeringId } },
    after_completion: {
      type: "redirect",
      redirect: {
        url: `${appUrl()}/dashboard/billing?provider=stripe&session_id={CHECKOUT_SESSION_ID}`,
      },
    },
  });
  await db.offering.update({
    where: { id: offeringId },
    data: { paymentLink: link.url, stripePaymentLinkId: link.id },
  });
  if (offering.stripePaymentLinkId)
    await stripe.paymentLinks.update(offering.stripePaymentLinkId, { active: false });
  return { stripePriceId, paymentLink: link.url };
}
