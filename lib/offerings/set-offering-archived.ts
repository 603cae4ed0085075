import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { expireCatalog } from "@/lib/offerings/catalog-cache";

export type SetOfferingArchivedOptions = { offeringId: string; archived: boolean; actorId: string };

/**
 * Archived offerings leave the catalog; their purchases, access and webhook keep working.
 * Archiving and restoring go on the audit log with the admin who did it.
 */
export async function setOfferingArchived({
  offeringId,
  archived,
  actorId,
}: SetOfferingArchivedOptions) {
  await db.$transaction(async (tx) => {
    const result = await tx.offering.updateMany({
      where: { id: offeringId },
      data: { archivedAt: archived ? new Date() : null },
    });
    if (result.count === 0) throw new AppError("not_found", "No offering has this id.");
    await recordAudit(tx, {
      actorId,
      action: archived ? "offering.archive" : "offering.restore",
      subject: offeringId,
    });
  });
  expireCatalog();
}
