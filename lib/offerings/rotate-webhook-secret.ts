import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { encryptSecret, generateWebhookSecret } from "@/lib/security/secrets";

export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

export type RotateWebhookSecretOptions = { offeringId: string; actorId: string; now?: Date };

/**
 * Issues a new secret; the old one keeps working for 24 hours so providers can be updated. The
 * rotation goes on the audit log (the secrets do not).
 */
export async function rotateWebhookSecret({
  offeringId,
  actorId,
  now = new Date(),
}: RotateWebhookSecretOptions) {
  const webhookSecret = generateWebhookSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS);
  return db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ webhookSecret: string }[]>`
      SELECT "webhookSecret" FROM "Offering" WHERE id = ${offeringId} FOR UPDATE`;
    if (!current) throw new AppError("not_found", "No offering has this id.");
    await tx.offering.update({
      where: { id: offeringId },
      data: {
        webhookSecret: encryptSecret(webhookSecret),
        previousWebhookSecret: current.webhookSecret,
        previousSecretExpiresAt,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "offering.rotate_secret",
      subject: offeringId,
      details: { previousSecretExpiresAt: previousSecretExpiresAt.toISOString() },
    });
    return { webhookSecret, previousSecretExpiresAt };
  });
}
