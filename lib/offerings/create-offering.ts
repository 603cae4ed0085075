import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { offeringRateProblems, throwIfProblems } from "@/lib/commissions/check-commission-rules";
import { getCommissionRules } from "@/lib/commissions/commission-rules";
import { expireCatalog } from "@/lib/offerings/catalog-cache";
import { isRecordMissing } from "@/lib/prisma-errors";
import { encryptSecret, generateWebhookSecret } from "@/lib/security/secrets";
import { offeringWebhookUrl } from "@/lib/offerings/webhook-url";
import type { OfferingInput } from "@/lib/offerings/schemas";
import { syncStripePrice } from "@/lib/offerings/sync-stripe-price";

export type CreateOfferingOptions = { input: OfferingInput };

/**
 * Creates an offering with its own random webhook secret, returned once in plain text. If the
 * Stripe sync fails (Stripe not configured or unreachable), the offering is kept and the error
 * is thrown; saving it again, or the first checkout, retries the sync.
 */
export async function createOffering({ input }: CreateOfferingOptions) {
  const { communityIds, ...fields } = input;
  throwIfProblems(
    offeringRateProblems(fields.commissionRateBps, await getCommissionRules()),
    "This commission rate cannot be saved.",
  );
  const webhookSecret = generateWebhookSecret();
  const offering = await db.offering
    .create({
      data: {
        ...fields,
        imageUrl: fields.imageUrl ?? null,
        accessDurationDays: fields.accessDurationDays ?? null,
        trialDays: fields.trialDays || null,
        planFamily: fields.planFamily ?? null,
        paymentLink: fields.paymentLink ?? null,
        webhookSecret: encryptSecret(webhookSecret),
        communities: {
          create: communityIds.map((id) => ({ community: { connect: { id } } })),
        },
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
  expireCatalog(); // before the Stripe sync, which may throw with the offering saved
  // A recurring Stripe offering gets its Product, Price (and Payment Link) now.
  await syncStripePrice(offering.id);
  return { ...offering, webhookUrl: offeringWebhookUrl(offering.id), webhookSecret };
}
