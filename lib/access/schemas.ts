/** The shapes of the admin's manual grant and revoke forms. */
import { z } from "zod";
import { recordId, storableString } from "@/lib/http/storable-text";

/** Why an admin changed someone's access by hand: required, and kept on the trail. */
export const manualAccessReason = storableString({ message: "Give a reason." })
  .trim()
  .min(3, "Give a reason (at least 3 characters).")
  .max(500, "Keep the reason under 500 characters.");

const DAY_MS = 86_400_000;

/** "YYYY-MM-DD": access runs through that day (UTC), so it ends at the next midnight. Empty: no end. */
const accessThrough = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, "Pick a date.")
  .optional()
  .transform((value) =>
    value ? new Date(new Date(`${value}T00:00:00Z`).getTime() + DAY_MS) : null,
  );

export const grantCommunityForm = z.object({
  userId: recordId,
  communityId: recordId,
  reason: manualAccessReason,
  accessThrough,
});

export const revokeCommunityForm = z.object({
  userId: recordId,
  communityId: recordId,
  reason: manualAccessReason,
  confirm: z.literal("on", { message: "Tick “I understand” to confirm." }),
});
