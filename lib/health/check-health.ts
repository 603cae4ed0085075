import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isStripeConfigured, stripeSandboxUrl } from "@/lib/stripe/client";

export type Health = {
  status: "ok" | "unavailable";
  database: "up" | "down";
  /** "sandbox": the local Stripe stand-in answers for Stripe (no real payments). */
  stripe: "configured" | "sandbox" | "not_configured";
};

// A load balancer's check must get an answer even when the database host hangs.
const DATABASE_TIMEOUT_MS = 3_000;

/**
 * For load balancers and uptime checks: the app answers, its database does too, and whether
 * Stripe can take payments. Only the database decides `status`: an app without Stripe still
 * serves its other channels.
 */
export async function checkHealth(): Promise<Health> {
  const database = await databaseStatus();
  return {
    status: database === "up" ? "ok" : "unavailable",
    database,
    stripe: await stripeStatus(),
  };
}

async function databaseStatus(): Promise<Health["database"]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), DATABASE_TIMEOUT_MS);
  });
  try {
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return "up";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

async function stripeStatus(): Promise<Health["stripe"]> {
  // Keys saved in Settings live in the database; without it, the environment's keys decide.
  const configured = await isStripeConfigured().catch(() => {
    const env = getEnv();
    return Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET);
  });
  if (!configured) return "not_configured";
  return stripeSandboxUrl() ? "sandbox" : "configured";
}
