import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { encryptSecret, generateWebhookSecret } from "@/lib/security/secrets";

export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

export type RotateWebhookSecretOptions = { offeringId: string; now?: Date };

/** Issues a new secret; the old one keeps working for 24 hours so providers can be updated. */
export async function rotateWebhookSecret({ offeringId, now = new Date() }: RotateWebhookSecretOptions) {
  const webhookSecret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ webhookSecret: string }[]>`
      SELECT "webhookSecret" FROM "Offering" WHERE id = ${offeringId} FOR UPDATE`;
    if (!current) throw new AppError("not_found", "No offering has this id.");
    await tx.offering.update({
      where: { id: offeringId },
      data: {
        webhookSecret: encryptSecret(webhookSecret),
        previousWebhookSecret: current.webhookSecret,
        previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS),
      },
    });
    return { webhookSecret, previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS) };
  });
}
