/**
 * Every value the database holds encrypted (lib/security/secrets.ts), walked in one place: each
 * offering's webhook secret, its previous secret and its Stripe signing secret, each outgoing
 * webhook endpoint's signing secret and its previous one, and the secrets of the Stripe
 * integration settings. A new encrypted column belongs here, so that the start-up
 * key check and `npm run secrets:reencrypt` reach it.
 */
import type { Tx } from "@/lib/db";
import { STRIPE_SETTINGS_KEY, encryptedStripeSettingFields } from "@/lib/stripe/stored-settings";

/** Gets one ciphertext and where it lives ("offering <id> webhookSecret"); returns what to store. */
export type StoredSecretVisitor = (ciphertext: string, where: string) => string;

export type StoredSecretsWalk = { visited: number; rewritten: number };

type OfferingSecrets = {
  id: string;
  webhookSecret: string;
  previousWebhookSecret: string | null;
  stripeSigningSecret: string | null;
};

type EndpointSecrets = { id: string; secret: string; previousSecret: string | null };

const offeringColumns = ["webhookSecret", "previousWebhookSecret", "stripeSigningSecret"] as const;

/**
 * Calls `visit` on every stored ciphertext, rows locked (FOR UPDATE) so no save interleaves, and
 * writes back each value it changed. Call it inside a transaction.
 */
export async function walkStoredSecrets(
  tx: Tx,
  visit: StoredSecretVisitor,
): Promise<StoredSecretsWalk> {
  const walk: StoredSecretsWalk = { visited: 0, rewritten: 0 };
  const see = (value: string, where: string) => {
    walk.visited += 1;
    const next = visit(value, where);
    if (next !== value) walk.rewritten += 1;
    return next;
  };

  const offerings = await tx.$queryRaw<OfferingSecrets[]>`
    SELECT id, "webhookSecret", "previousWebhookSecret", "stripeSigningSecret"
    FROM "Offering" ORDER BY id FOR UPDATE`;
  for (const offering of offerings) {
    const next = { ...offering };
    for (const column of offeringColumns) {
      const value = offering[column];
      if (value !== null) next[column] = see(value, `offering ${offering.id} ${column}`);
    }
    if (offeringColumns.every((column) => next[column] === offering[column])) continue;
    // Raw, so that updatedAt (the catalog's notion of an edit) stays as it was.
    await tx.$executeRaw`
      UPDATE "Offering" SET "webhookSecret" = ${next.webhookSecret},
        "previousWebhookSecret" = ${next.previousWebhookSecret},
        "stripeSigningSecret" = ${next.stripeSigningSecret}
      WHERE id = ${offering.id}`;
  }

  const endpoints = await tx.$queryRaw<EndpointSecrets[]>`
    SELECT id, secret, "previousSecret" FROM "WebhookEndpoint" ORDER BY id FOR UPDATE`;
  for (const endpoint of endpoints) {
    const secret = see(endpoint.secret, `webhook endpoint ${endpoint.id} secret`);
    const previousSecret =
      endpoint.previousSecret === null
        ? null
        : see(endpoint.previousSecret, `webhook endpoint ${endpoint.id} previousSecret`);
    if (secret === endpoint.secret && previousSecret === endpoint.previousSecret) continue;
    await tx.$executeRaw`
      UPDATE "WebhookEndpoint" SET secret = ${secret}, "previousSecret" = ${previousSecret}
      WHERE id = ${endpoint.id}`;
  }

  const [settings] = await tx.$queryRaw<{ value: unknown }[]>`
    SELECT value FROM "Setting" WHERE key = ${STRIPE_SETTINGS_KEY} FOR UPDATE`;
  if (settings && typeof settings.value === "object" && settings.value !== null) {
    const stored = settings.value as Record<string, unknown>;
    const next = { ...stored };
    for (const field of encryptedStripeSettingFields) {
      const value = stored[field];
      if (typeof value === "string")
        next[field] = see(value, `setting ${STRIPE_SETTINGS_KEY} ${field}`);
    }
    if (encryptedStripeSettingFields.some((field) => next[field] !== stored[field])) {
      await tx.$executeRaw`
        UPDATE "Setting" SET value = ${JSON.stringify(next)}::jsonb WHERE key = ${STRIPE_SETTINGS_KEY}`;
    }
  }
  return walk;
}
