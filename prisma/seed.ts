/**
 * Demo data, written once into an empty database: an admin and a user, two communities with
 * gated content, three offerings (one per pricing type) paid through the demo provider, and,
 * on the Stripe sandbox, one-time and monthly/yearly offerings on both Stripe channels.
 */
import { db } from "@/lib/db";
import { createCommunity } from "@/lib/communities/manage-communities";
import { demoProviderLink } from "@/lib/demo-provider/demo-checkout";
import { createOffering } from "@/lib/offerings/create-offering";
import { offeringInput } from "@/lib/offerings/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { getStripe, isStripeConfigured, stripeSandboxUrl } from "@/lib/stripe/client";
import { appUrl } from "@/lib/env";

export const demoAccounts = {
  admin: { email: "admin@example.com", password: "admin-password", name: "Ada Admin" },
  user: { email: "user@example.com", password: "user-password", name: "Uma User" },
};

export async function seedDemoData(): Promise<"seeded" | "skipped"> {
  if ((await db.user.count()) > 0 || (await db.offering.count()) > 0) return "skipped";

  // Demo accounts are seeded verified, so that signing in needs no email.
  const admin = await signUp(demoAccounts.admin);
  await db.user.update({
    where: { id: admin.userId },
    data: { role: "ADMIN", emailVerified: new Date() },
  });
  const user = await signUp(demoAccounts.user);
  await db.user.update({ where: { id: user.userId }, data: { emailVerified: new Date() } });

  const circle = await createCommunity({
    input: {
      name: "Founders Circle",
      description: "A private forum for founders.",
      content:
        "Welcome to the Founders Circle.\n\nThis week: pricing your first product. The recording is pinned below.",
    },
  });
  const workshops = await createCommunity({
    input: {
      name: "Weekly Workshops",
      description: "Live sessions and their recordings.",
      content:
        "Workshop library\n\n1. Finding your first ten customers\n2. Writing a landing page that converts",
    },
  });

  const offerings = [
    {
      name: "Starter Course",
      description: "Six lessons to launch your first product.",
      priceAmount: 4900,
      pricingType: "ONE_TIME",
      communityIds: [circle.id],
    },
    {
      name: "Monthly Membership",
      description: "Every workshop, every month.",
      priceAmount: 1900,
      pricingType: "MONTHLY",
      accessDurationDays: 30,
      communityIds: [circle.id, workshops.id],
    },
    {
      name: "Yearly Membership",
      description: "A year of workshops at two months off.",
      priceAmount: 19000,
      pricingType: "YEARLY",
      accessDurationDays: 365,
      communityIds: [circle.id, workshops.id],
    },
  ];
  for (const offering of offerings) {
    const input = {
      ...offering,
      currency: "usd",
      channel: "EXTERNAL_LINK",
      paymentLink: demoProviderLink(),
    };
    await createOffering({ input: offeringInput.parse(input) });
  }
  // Only on the sandbox: seeding must not create products in a real Stripe account.
  if ((await isStripeConfigured()) && stripeSandboxUrl())
    await seedStripeOfferings([circle.id, workshops.id]);
  return "seeded";
}

/**
 * One offering per Stripe channel, and one subscription per channel: monthly through Embedded
 * Checkout, yearly through a Payment Link. Their Stripe products, prices and the recurring
 * Payment Link are made by createOffering; the one-time Payment Link is made here.
 */
async function seedStripeOfferings(communityIds: string[]) {
  await createOffering({
    input: offeringInput.parse({
      name: "Studio Monthly",
      description:
        "Every workshop and the founders' forum, billed monthly through Stripe. Cancel any time.",
      priceAmount: 1200,
      currency: "usd",
      pricingType: "MONTHLY",
      channel: "STRIPE_EMBEDDED",
      planFamily: "Studio",
      communityIds,
    }),
  });
  await createOffering({
    input: offeringInput.parse({
      name: "Studio Yearly",
      description: "A year of the Studio, billed yearly through a Stripe Payment Link.",
      priceAmount: 12000,
      currency: "usd",
      pricingType: "YEARLY",
      channel: "STRIPE_PAYMENT_LINK",
      planFamily: "Studio",
      communityIds,
    }),
  });
  await createOffering({
    input: offeringInput.parse({
      name: "Pay-to-view Masterclass",
      description: "A two-hour recorded masterclass. Pay by card without leaving the page.",
      priceAmount: 2900,
      currency: "usd",
      pricingType: "ONE_TIME",
      accessDurationDays: 365,
      channel: "STRIPE_EMBEDDED",
      communityIds: [communityIds[1]],
    }),
  });
  const stripe = await getStripe();
  const price = await stripe.prices.create({
    currency: "usd",
    unit_amount: 1500,
    product_data: { name: "Field Guide" },
  });
  const link = await stripe.paymentLinks.create({
    line_items: [{ price: price.id, quantity: 1 }],
    allow_promotion_codes: true,
    after_completion: {
      type: "redirect",
      redirect: {
        url: `${appUrl()}/dashboard/billing?provider=stripe&session_id={CHECKOUT_SESSION_ID}`,
      },
    },
  });
  await createOffering({
    input: offeringInput.parse({
      name: "Field Guide",
      description: "The founders' field guide, paid through a Stripe Payment Link.",
      priceAmount: 1500,
      currency: "usd",
      pricingType: "ONE_TIME",
      channel: "STRIPE_PAYMENT_LINK",
      paymentLink: link.url,
      communityIds: [communityIds[0]],
    }),
  });
}
