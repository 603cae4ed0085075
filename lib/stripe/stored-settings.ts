/** The `stripe` settings row as stored: read by the Stripe client's settings cache, written by Settings → Integrations. */
import { z } from "zod";

export const STRIPE_SETTINGS_KEY = "stripe";

const encrypted = z.string().nullable().default(null);

/** The `stripe` row's fields that hold ciphertext (lib/settings/stored-secrets.ts walks them). */
export const encryptedStripeSettingFields = [
  "webhookSecret",
  "previousWebhookSecret",
  "secretKey",
  "publishableKey",
] as const;

/** The `stripe` row: secrets encrypted (lib/security/secrets.ts), the publishable key with them. */
export const storedStripeSettings = z.object({
  webhookSecret: encrypted,
  previousWebhookSecret: encrypted,
  previousSecretExpiresAt: z.iso.datetime().nullable().default(null),
  secretKey: encrypted,
  publishableKey: encrypted,
});

export type StoredStripeSettings = z.infer<typeof storedStripeSettings>;
