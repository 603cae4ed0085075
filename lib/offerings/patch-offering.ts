import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getOfferingForEdit } from "@/lib/offerings/list-offerings";
import { offeringInput } from "@/lib/offerings/schemas";
import { setOfferingArchived } from "@/lib/offerings/set-offering-archived";
import { updateOffering } from "@/lib/offerings/update-offering";

export type PatchOfferingOptions = {
  offeringId: string;
  changes: Record<string, unknown>;
  /** The admin making the change, for the audit log. */
  actorId: string;
};

// Sending null for one of these clears it; any other null is a validation error.
const clearableFields = new Set([
  "imageUrl",
  "accessDurationDays",
  "paymentLink",
  "trialDays",
  "planFamily",
]);

const archivedChange = z.object({ archived: z.boolean().optional() });

/**
 * A partial update from the JSON API: the given fields are laid over the offering's current
 * values and the whole is validated again, so a change can never leave an invalid offering
 * (say, a link channel without a link). `archived: true|false` archives or restores it.
 */
export async function patchOffering({ offeringId, changes, actorId }: PatchOfferingOptions) {
  const current = await getOfferingForEdit(offeringId);
  if (!current) throw new AppError("not_found", "No offering has this id.");
  const { archived } = archivedChange.parse(changes);
  const fieldChanges = Object.entries(changes).filter(([key]) => key !== "archived");

  if (fieldChanges.length > 0) {
    const merged: Record<string, unknown> = {
      name: current.name,
      description: current.description,
      imageUrl: current.imageUrl ?? undefined,
      communityIds: current.communities.map((community) => community.id),
      priceAmount: current.priceAmount,
      currency: current.currency,
      pricingType: current.pricingType,
      accessDurationDays: current.accessDurationDays ?? undefined,
      channel: current.channel,
      trialDays: current.trialDays ?? undefined,
      planFamily: current.planFamily ?? undefined,
      paymentLink: current.paymentLink ?? undefined,
      commissionRateBps: current.commissionRateBps,
      acceptsDiscounts: current.acceptsDiscounts,
    };
    for (const [key, value] of fieldChanges) {
      merged[key] = value === null && clearableFields.has(key) ? undefined : value;
    }
    await updateOffering({ offeringId, input: offeringInput.parse(merged) });
  }
  if (archived !== undefined) await setOfferingArchived({ offeringId, archived, actorId });
  return getOfferingForEdit(offeringId);
}
