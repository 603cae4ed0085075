import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptSecret } from "@/lib/security/secrets";
import { offeringWebhookUrl } from "@/lib/offerings/webhook-url";

/**
 * For admins only: the webhook URL and the secret in plain text, to paste into a provider, and
 * whether a Stripe signing secret is set (that one is never shown again).
 */
export async function getOfferingWebhookDetails({ offeringId }: { offeringId: string }) {
  const offering = await db.offering.findUnique({
    where: { id: offeringId },
    select: {
      id: true,
      webhookSecret: true,
      previousSecretExpiresAt: true,
      stripeSigningSecret: true,
    },
  });
  if (!offering) throw new AppError("not_found", "No offering has this id.");
  const previousValidUntil =
    offering.previousSecretExpiresAt && offering.previousSecretExpiresAt > new Date()
      ? offering.previousSecretExpiresAt
      : null;
  return {
    webhookUrl: offeringWebhookUrl(offering.id),
    webhookSecret: decryptSecret(offering.webhookSecret),
    previousSecretValidUntil: previousValidUntil,
    stripeSigningSecretSet: offering.stripeSigningSecret !== null,
  };
}
