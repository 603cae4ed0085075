/** Settings → Integrations → Stripe: what the form sends (the stored row: lib/stripe/stored-settings.ts). */
import { z } from "zod";

export const STRIPE_WEBHOOK_STATUS_KEY = "stripe_webhook_status";

export const stripeSettingFields = ["webhookSecret", "secretKey", "publishableKey"] as const;
export type StripeSettingField = (typeof stripeSettingFields)[number];

/** An empty field keeps the stored value, so "" means "not given". */
function optionalValue(pattern: RegExp, message: string) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
    z.string().max(255, "At most 255 characters").regex(pattern, message).optional(),
  );
}

export const stripeSettingsInput = z
  .object({
    webhookSecret: optionalValue(
      /^whsec_[\w+/=-]{8,}$/,
      "A webhook signing secret looks like whsec_… (Stripe → Webhooks → your endpoint → Signing secret)",
    ),
    secretKey: optionalValue(
      /^(?:sk|rk)_(?:test|live)_\w{8,}$/,
      "A secret key looks like sk_test_…, sk_live_… or a restricted key rk_…",
    ),
    publishableKey: optionalValue(
      /^pk_(?:test|live)_\w{8,}$/,
      "A publishable key looks like pk_test_… or pk_live_…",
    ),
    /** Fields whose stored value is removed (the environment's value applies again). */
    remove: z.array(z.enum(stripeSettingFields)).default([]),
    /** How long the previous webhook secret stays accepted after a new one is saved. */
    overlapHours: z.preprocess(
      (value) => (value === "" || value === null ? undefined : value),
      z.coerce
        .number()
        .int("Whole hours only")
        .min(0, "From 0 to 72 hours")
        .max(72, "From 0 to 72 hours")
        .default(24),
    ),
  })
  .superRefine((input, context) => {
    for (const field of input.remove) {
      if (input[field] !== undefined) {
        context.addIssue({
          code: "custom",
          path: [field],
          message: "Enter a new value or remove the saved one, not both",
        });
      }
    }
  });

export type StripeSettingsInput = z.input<typeof stripeSettingsInput>;

export const stripeWebhookStatus = z.object({
  lastSignatureFailureAt: z.iso.datetime().nullable().default(null),
});
