import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isRecordMissing } from "@/lib/prisma-errors";
import { encryptSecret, generateWebhookSecret } from "@/lib/security/secrets";
import { offeringWebhookUrl } from "@/lib/offerings/webhook-url";
import type { OfferingInput } from "@/lib/offerings/schemas";

export type CreateOfferingOptions = { input: OfferingInput };

/** Creates an offering with its own random webhook secret, returned once in plain text. */
export async function createOffering({ input }: CreateOfferingOptions) {
  const { communityIds, ...fields } = input;
  const webhookSecret = generateWebhookSecret();
  const offering = await db.offering
    .create({
      data: {
        ...fields,
        imageUrl: fields.imageUrl ?? null,
        accessDurationDays: fields.accessDurationDays ?? null,
        paymentLink: fields.paymentLink ?? null,
        webhookSecret: encryptSecret(webhookSecret),
        communities: { connect: communityIds.map((id) => ({ id })) },
      },
      select: { id: true, name: true },
    })
    .catch((error: unknown) => {
      if (isRecordMissing(error)) {
        throw new AppError("validation_failed", "A chosen community does not exist.", {
          communityIds,
        });
      }
      throw error;
    });
  return { ...offering, webhookUrl: offeringWebhookUrl(offering.id), webhookSecret };
}
