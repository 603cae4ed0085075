import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { encryptSecret } from "@/lib/security/secrets";
import {
  generateEndpointSecret,
  PREVIOUS_SECRET_GRACE_MS,
} from "@/lib/notifications/webhooks/signing";

export type RotateEndpointSecretOptions = { endpointId: string; actorId: string; now?: Date };

/**
 * A new signing secret, returned once. For 24 hours every message is signed with both, so the
 * receiver keeps verifying while it is switched over; after that only the new one signs.
 */
export async function rotateEndpointSecret({
  endpointId,
  actorId,
  now = new Date(),
}: RotateEndpointSecretOptions) {
  const secret = generateEndpointSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS);
  await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ secret: string }[]>`
      SELECT secret FROM "WebhookEndpoint" WHERE id = ${endpointId} FOR UPDATE`;
    if (!current) throw new AppError("not_found", "No webhook endpoint has this id.");
    await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        secret: encryptSecret(secret),
        previousSecret: current.secret,
        previousSecretExpiresAt,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "webhook_endpoint.rotate_secret",
      subject: endpointId,
      details: { previousSecretExpiresAt: previousSecretExpiresAt.toISOString() },
    });
  });
  return { secret, previousSecretExpiresAt };
}
