/**
 * The one Stripe client. With STRIPE_API_BASE set (the launcher does so when it runs the local
 * sandbox) the same SDK talks to that server instead of Stripe's; nothing else changes.
 * Keys saved in Settings → Integrations take precedence over the environment's, without a
 * restart (lib/stripe/settings.ts keeps them in memory for a few seconds).
 */
import Stripe from "stripe";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getStripeSettings } from "@/lib/stripe/settings";

let client: { secretKey: string; stripe: Stripe } | undefined;

async function stripeSecretKey(): Promise<string | null> {
  return (await getStripeSettings()).secretKey ?? getEnv().STRIPE_SECRET_KEY ?? null;
}

export async function isStripeConfigured(): Promise<boolean> {
  const webhookSecret = (await getStripeSettings()).webhookSecret ?? getEnv().STRIPE_WEBHOOK_SECRET;
  return Boolean((await stripeSecretKey()) && webhookSecret);
}

/** The sandbox's browser-facing URL when it stands in for Stripe; null with real Stripe. */
export function stripeSandboxUrl(): string | null {
  const env = getEnv();
  return env.STRIPE_API_BASE ? (env.STRIPE_SANDBOX_PUBLIC_URL ?? env.STRIPE_API_BASE) : null;
}

/** The publishable key the checkout page hands to Stripe.js, or null. */
export async function stripePublishableKey(): Promise<string | null> {
  return (
    (await getStripeSettings()).publishableKey ??
    getEnv().NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ??
    null
  );
}

/** The client for the secret key in effect, rebuilt when an admin saves another key. */
export async function getStripe(): Promise<Stripe> {
  const secretKey = await stripeSecretKey();
  if (!secretKey) {
    throw new AppError(
      "not_configured",
      "Stripe is not configured: set STRIPE_SECRET_KEY (or save a secret key in Settings → Integrations), or run without it to use the sandbox.",
    );
  }
  if (client?.secretKey === secretKey) return client.stripe;
  const env = getEnv();
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null;
  const stripe = new Stripe(secretKey, {
    maxNetworkRetries: 2,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port,
          protocol: base.protocol.replace(":", "") as "http" | "https",
        }
      : {}),
  });
  client = { secretKey, stripe };
  return stripe;
}

/**
 * The signing secrets a Stripe delivery may be signed with: the current one (saved, else
 * STRIPE_WEBHOOK_SECRET) and, until its overlap ends, the one it replaced.
 */
export async function stripeWebhookSecrets(now = new Date()): Promise<string[]> {
  const settings = await getStripeSettings();
  const current = settings.webhookSecret ?? getEnv().STRIPE_WEBHOOK_SECRET;
  if (!current)
    throw new AppError(
      "not_configured",
      "Stripe webhooks are not configured: set STRIPE_WEBHOOK_SECRET or save a signing secret in Settings → Integrations.",
    );
  const { previousWebhookSecret: previous, previousSecretExpiresAt: until } = settings;
  return previous && until && until > now ? [current, previous] : [current];
}

/** Stripe's "no such object" answer, which we show as our own 404. */
export function isStripeMissing(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing"
  );
}
