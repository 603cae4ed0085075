import { z } from "zod";
import { recordId, storableString } from "@/lib/http/storable-text";
import { isKnownCurrency } from "@/lib/money";

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const httpUrl = storableString()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "Use an http:// or https:// URL");

export const pricingTypes = ["ONE_TIME", "MONTHLY", "YEARLY"] as const;
/** The longest free trial an offering may give (Stripe allows up to 730 days). */
export const MAX_TRIAL_DAYS = 90;
export const paymentChannels = ["EXTERNAL_LINK", "STRIPE_EMBEDDED", "STRIPE_PAYMENT_LINK"] as const;

/** Everything an admin sets on an offering. Prices are integers in minor units (cents). */
export const offeringInput = z
  .object({
    name: storableString().trim().min(1, "Name is required").max(120),
    description: storableString().trim().max(5000).default(""),
    imageUrl: z.preprocess(emptyToUndefined, httpUrl.optional()),
    communityIds: z.array(recordId).max(50).default([]),
    priceAmount: z.coerce
      .number({ message: "Price must be a number of cents" })
      .int("Price must be a whole number of cents")
      .min(0, "Price cannot be negative")
      .max(100_000_000, "Price is too large"),
    currency: storableString()
      .trim()
      .toLowerCase()
      .refine(isKnownCurrency, "Use a three-letter ISO currency code such as usd"),
    pricingType: z.enum(pricingTypes),
    accessDurationDays: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int("Whole days only").min(1).max(36_500).optional(),
    ),
    channel: z.enum(paymentChannels),
    // A free trial for new subscribers; 0 or empty: none.
    trialDays: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: "Trial days must be a number" })
        .int("Whole days only")
        .min(0, "Trial days cannot be negative")
        .max(MAX_TRIAL_DAYS, `A trial lasts at most ${MAX_TRIAL_DAYS} days`)
        .optional(),
    ),
    // Plans a subscriber can switch between share a family ("Studio"); empty: none.
    planFamily: z.preprocess(
      emptyToUndefined,
      storableString().trim().max(60, "A plan family name is at most 60 characters").optional(),
    ),
    paymentLink: z.preprocess(emptyToUndefined, httpUrl.optional()),
    commissionRateBps: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(10_000).default(0),
    ),
    // External-link offerings: a webhook may report a discounted amount (Admin → Discounts).
    // A checkbox sends "on" when ticked and nothing when not; the JSON API sends a boolean.
    acceptsDiscounts: z.preprocess(
      (value) => value === true || value === "on" || value === "true",
      z.boolean(),
    ),
  })
  .superRefine((input, context) => {
    const stripeSubscription =
      input.channel !== "EXTERNAL_LINK" && input.pricingType !== "ONE_TIME";
    if (input.trialDays && input.pricingType === "ONE_TIME") {
      context.addIssue({
        code: "custom",
        path: ["trialDays"],
        message: "A free trial needs a monthly or yearly price",
      });
    } else if (input.trialDays && input.channel !== "STRIPE_EMBEDDED") {
      // A Payment Link is one URL for everyone: it cannot hold to one trial per user.
      context.addIssue({
        code: "custom",
        path: ["trialDays"],
        message: "Free trials run through Stripe Embedded Checkout: choose that channel",
      });
    }
    if (input.planFamily && !stripeSubscription) {
      context.addIssue({
        code: "custom",
        path: ["planFamily"],
        message: "Plan switches are for monthly and yearly offerings on a Stripe channel",
      });
    }
    if (stripeSubscription && input.accessDurationDays !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["accessDurationDays"],
        message: "Leave this empty: a Stripe subscription gives access for as long as it is paid",
      });
    }
    // A recurring Payment Link is made by the app from the offering's Stripe price.
    if (input.channel === "EXTERNAL_LINK" && !input.paymentLink) {
      context.addIssue({
        code: "custom",
        path: ["paymentLink"],
        message: "A payment link is required for this channel",
      });
    }
    if (input.channel === "STRIPE_PAYMENT_LINK" && !stripeSubscription && !input.paymentLink) {
      context.addIssue({
        code: "custom",
        path: ["paymentLink"],
        message: "A payment link is required for this channel",
      });
    }
  });

export type OfferingInput = z.infer<typeof offeringInput>;

export const idParam = recordId;

/** A Stripe webhook endpoint's signing secret, as the Stripe dashboard shows it (whsec_…). */
export const stripeSigningSecret = storableString()
  .trim()
  .min(10, "A Stripe signing secret is at least 10 characters")
  .max(200, "A Stripe signing secret is at most 200 characters")
  .regex(/^whsec_\S+$/, "A Stripe signing secret starts with whsec_ and has no spaces");
