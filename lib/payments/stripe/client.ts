/**
 * The one Stripe client. With STRIPE_API_BASE set (the launcher does so when it runs the local
 * sandbox) the same SDK talks to that server instead of Stripe's; nothing else changes.
 */
import Stripe from "stripe";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

let client: Stripe | undefined;

export function isStripeConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET);
}

/** The sandbox's browser-facing URL when it stands in for Stripe; null with real Stripe. */
export function stripeSandboxUrl(): string | null {
  const env = getEnv();
  return env.STRIPE_API_BASE ? (env.STRIPE_SANDBOX_PUBLIC_URL ?? env.STRIPE_API_BASE) : null;
}

export function getStripe(): Stripe {
  if (client) return client;
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) {
    throw new AppError("not_configured", "Stripe is not configured: set STRIPE_SECRET_KEY, or run without it to use the sandbox.");
  }
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null;
  client = new Stripe(env.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    telemetry: false,
    ...(base
      ? { host: base.hostname, port: base.port, protocol: base.protocol.replace(":", "") as "http" | "https" }
      : {}),
  });
  return client;
}

export function stripeWebhookSecret(): string {
  const secret = getEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new AppError("not_configured", "Stripe webhooks are not configured: set STRIPE_WEBHOOK_SECRET.");
  return secret;
}

/** Stripe's "no such object" answer, which we show as our own 404. */
export function isStripeMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing";
}
