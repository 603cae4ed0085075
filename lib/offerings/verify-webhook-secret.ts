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
    select: { id: true, webhookSecret: true, previousWebhookSecret: true, previousSecretExpiresAt: true },
  });
  if (!offering) throw new AppError("not_found", "No offering has this id.");
  if (!secret) throw new AppError("unauthorized", "Send the offering's secret in x-offering-secret or Authorization: Bearer.");

  const candidates = [offering.webhookSecret];
  if (offering.previousWebhookSecret && offering.previousSecretExpiresAt && offering.previousSecretExpiresAt > new Date()) {
    candidates.push(offering.previousWebhookSecret);
  }
  // Compare against every candidate so the time taken does not tell which one matched.
  const matches = candidates.map((stored) => secretsEqual(secret, decryptSecret(stored)));
  if (!matches.includes(true)) throw new AppError("unauthorized", "The offering secret is not valid.");
  return { offeringId: offering.id };
}

/** The secret from `x-offering-secret` or `Authorization: Bearer …`. */
export function secretFromHeaders(headers: Headers): string | null {
  const direct = headers.get("x-offering-secret");
  if (direct) return direct.trim();
  const authorization = headers.get("authorization");
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match ? match[1].trim() : null;
}
