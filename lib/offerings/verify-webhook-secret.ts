import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptSecret, secretsEqual } from "@/lib/security/secrets";

export type VerifyWebhookSecretOptions = { offeringId: string; secret: string | null };

/**
 * Checks a provider's secret against the offering's current secret, or the previous one while it
 * is still within its grace period after a rotation. Unknown offering → 404, wrong secret → 401.
 */
export async function verifyWebhookSecret({ offeringId, secret }: VerifyWebhookSecretOptions) {
  const offering = await db.offering.findUnique({
    where: { id: offeringId },
    select: {
      id: true,
      webhookSecret: true,
      previousWebhookSecret: true,
      previousSecretExpiresAt: true,
    },
  });
  if (!offering) throw new AppError("not_found", "No offering has this id.");
  if (!secret)
    throw new AppError(
      "unauthorized",
      "Send the offering's secret in x-offering-secret or Authorization: Bearer.",
    );
  if (!matchesOfferingSecret(secret, offering))
    throw new AppError("unauthorized", "The offering secret is not valid.");
  return { offeringId: offering.id };
}

export type OfferingSecrets = {
  webhookSecret: string;
  previousWebhookSecret: string | null;
  previousSecretExpiresAt: Date | null;
};

/** The offering's secrets in effect, encrypted as stored: the current one, and the previous one in its grace period. */
export function secretsInEffect(offering: OfferingSecrets, now = new Date()): string[] {
  const {
    webhookSecret,
    previousWebhookSecret: previous,
    previousSecretExpiresAt: until,
  } = offering;
  return previous && until && until > now ? [webhookSecret, previous] : [webhookSecret];
}

/** True when `secret` is one of the offering's secrets in effect. */
export function matchesOfferingSecret(secret: string, offering: OfferingSecrets): boolean {
  // Compare against every candidate so the time taken does not tell which one matched.
  const matches = secretsInEffect(offering).map((stored) =>
    secretsEqual(secret, decryptSecret(stored)),
  );
  return matches.includes(true);
}

/** The secret from `x-offering-secret` or `Authorization: Bearer …`. */
export function secretFromHeaders(headers: Headers): string | null {
  const direct = headers.get("x-offering-secret");
  if (direct) return direct.trim();
  const authorization = headers.get("authorization");
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match ? match[1].trim() : null;
}
