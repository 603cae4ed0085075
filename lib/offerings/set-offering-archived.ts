import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type SetOfferingArchivedOptions = { offeringId: string; archived: boolean };

/** Archived offerings leave the catalog; their purchases, access and webhook keep working. */
export async function setOfferingArchived({ offeringId, archived }: SetOfferingArchivedOptions) {
  const result = await db.offering.updateMany({
    where: { id: offeringId },
    data: { archivedAt: archived ? new Date() : null },
  });
  if (result.count === 0) throw new AppError("not_found", "No offering has this id.");
}
