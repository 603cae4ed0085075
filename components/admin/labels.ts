import type { paymentChannels } from "@/lib/offerings/schemas";

/** How each payment channel reads in the admin panel. */
export const channelLabels: Record<(typeof paymentChannels)[number], string> = {
  EXTERNAL_LINK: "External payment link",
  STRIPE_EMBEDDED: "Stripe Embedded Checkout",
  STRIPE_PAYMENT_LINK: "Stripe Payment Link",
};
