import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isRecordMissing } from "@/lib/prisma-errors";
import type { OfferingInput } from "@/lib/offerings/schemas";

export type UpdateOfferingOptions = { offeringId: string; input: OfferingInput };

/** Changes apply to new orders only: existing orders keep the amount they were created with. */
export async function updateOffering({ offeringId, input }: UpdateOfferingOptions) {
  const { communityIds, ...fields } = input;
  try {
    return await db.offering.update({
    where: { id: offeringId },
    data: {
      ...fields,
      imageUrl: fields.imageUrl ?? null,
      accessDurationDays: fields.accessDurationDays ?? null,
      paymentLink: fields.paymentLink ?? null,
      communities: { set: communityIds.map((id) => ({ id })) },
    },
    select: { id: true, name: true },
    });
  } catch (error) {
    if (isRecordMissing(error)) throw new AppError("not_found", "No offering or community has this id.");
    throw error;
  }
}
