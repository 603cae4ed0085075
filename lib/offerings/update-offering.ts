import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { offeringRateProblems, throwIfProblems } from "@/lib/commissions/check-commission-rules";
import { getCommissionRules } from "@/lib/commissions/commission-rules";
import { expireCatalog } from "@/lib/offerings/catalog-cache";
import { isRecordMissing } from "@/lib/prisma-errors";
import type { OfferingInput } from "@/lib/offerings/schemas";
import { isStripeSubscriptionOffering, syncStripePrice } from "@/lib/offerings/sync-stripe-price";

export type UpdateOfferingOptions = { offeringId: string; input: OfferingInput };

/**
 * Changes apply to new orders only: existing orders keep the amount they were created with, and
 * subscribers keep the Stripe price they subscribed at.
 */
export async function updateOffering({ offeringId, input }: UpdateOfferingOptions) {
  const { communityIds, ...fields } = input;
  throwIfProblems(
    offeringRateProblems(fields.commissionRateBps, await getCommissionRules()),
    "This commission rate cannot be saved.",
  );
  const linkMadeByApp =
    fields.channel === "STRIPE_PAYMENT_LINK" && isStripeSubscriptionOffering(fields);
  let updated;
  try {
    updated = await db.offering.update({
      where: { id: offeringId },
      data: {
        ...fields,
        imageUrl: fields.imageUrl ?? null,
        accessDurationDays: fields.accessDurationDays ?? null,
        trialDays: fields.trialDays || null,
        planFamily: fields.planFamily ?? null,
        paymentLink: linkMadeByApp ? undefined : (fields.paymentLink ?? null),
        // The communities not chosen any more go; the chosen ones stay or are linked now.
        communities: {
          deleteMany: { communityId: { notIn: communityIds } },
          connectOrCreate: communityIds.map((communityId) => ({
            where: { offeringId_communityId: { offeringId, communityId } },
            create: { community: { connect: { id: communityId } } },
          })),
        },
      },
      select: { id: true, name: true },
    });
  } catch (error) {
    if (isRecordMissing(error))
      throw new AppError("not_found", "No offering or community has this id.");
    throw error;
  }
  expireCatalog(); // before the Stripe sync, which may throw with the change saved
  await syncStripePrice(offeringId);
  return updated;
}
