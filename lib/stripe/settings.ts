/**
 * The Stripe settings an admin saved (Settings → Integrations), decrypted. The webhook reads
 * them on every delivery, so they are kept in memory for a few seconds instead of being queried
 * each time: a save invalidates this instance's copy at once, and other instances pick it up
 * within CACHE_TTL_MS. Nothing here matters for correctness beyond that bound.
 */
import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/security/secrets";
import { STRIPE_SETTINGS_KEY, storedStripeSettings } from "@/lib/stripe/stored-settings";

export const CACHE_TTL_MS = 10_000;

export type StripeSettings = {
  webhookSecret: string | null;
  previousWebhookSecret: string | null;
  previousSecretExpiresAt: Date | null;
  secretKey: string | null;
  publishableKey: string | null;
};

let cached: { settings: StripeSettings; loadedAt: number } | undefined;
let reloading: Promise<StripeSettings> | undefined;
// Bumped by every invalidation, so a read that started before a save cannot cache old values.
let generation = 0;

/** Straight from the database, uncached: for the settings page and for saving. */
export async function readStripeSettings(): Promise<StripeSettings> {
  const row = await db.setting.findUnique({
    where: { key: STRIPE_SETTINGS_KEY },
    select: { value: true },
  });
  const stored = storedStripeSettings.parse(row?.value ?? {});
  const plain = (value: string | null) => (value === null ? null : decryptSecret(value));
  return {
    webhookSecret: plain(stored.webhookSecret),
    previousWebhookSecret: plain(stored.previousWebhookSecret),
    previousSecretExpiresAt: stored.previousSecretExpiresAt
      ? new Date(stored.previousSecretExpiresAt)
      : null,
    secretKey: plain(stored.secretKey),
    publishableKey: plain(stored.publishableKey),
  };
}

function reload(): Promise<StripeSettings> {
  const started = { at: Date.now(), generation };
  reloading ??= readStripeSettings()
    .then((settings) => {
      if (started.generation === generation) cached = { settings, loadedAt: started.at };
      return settings;
    })
    .finally(() => {
      if (started.generation === generation) reloading = undefined;
    });
  return reloading;
}

/**
 * Cached for CACHE_TTL_MS. Once that has passed, the previous values are still answered while
 * one reload runs: Stripe calls made inside a transaction (event handlers) never wait for a
 * second pooled connection, which the one-connection embedded database could not give them.
 */
export async function getStripeSettings(): Promise<StripeSettings> {
  if (cached && Date.now() - cached.loadedAt < CACHE_TTL_MS) return cached.settings;
  const next = reload();
  if (!cached) return next;
  next.catch(() => {}); // a failed background reload is retried by the next call
  return cached.settings;
}

/** Called after a save: the next call on this instance reads the database. */
export function invalidateStripeSettings(): void {
  generation += 1;
  cached = undefined;
  reloading = undefined;
}
