import { db } from "@/lib/db";
import { afterKeyset, keysetCsvStream, keysetOrder, type Keyset } from "@/lib/keyset-csv-stream";
import { createdWithin, exportFilename, type CreatedDaysQuery } from "@/lib/admin/exports/schemas";

export type ExportPurchasesCsvOptions = CreatedDaysQuery & { batchSize?: number; now?: Date };

export const purchaseColumns = [
  "purchase_id",
  "created_at",
  "status",
  "buyer_email",
  "offering_id",
  "offering",
  "access_granted_at",
  "expires_at",
  "refunded_at",
];

/**
 * Every purchase (created in the optional day range), oldest first, as a streamed CSV; times
 * are ISO 8601 UTC, and an empty expires_at on a succeeded purchase means lifetime access.
 */
export function exportPurchasesCsv({ batchSize, now, ...days }: ExportPurchasesCsvOptions) {
  const readPage = (after: Keyset | undefined, take: number) =>
    db.purchase.findMany({
      where: { AND: [createdWithin(days), afterKeyset(after)] },
      orderBy: keysetOrder,
      take,
      select: {
        id: true,
        createdAt: true,
        status: true,
        offeringId: true,
        accessGrantedAt: true,
        expiresAt: true,
        refundedAt: true,
        user: { select: { email: true } },
        offering: { select: { name: true } },
      },
    });
  const stream = keysetCsvStream({
    header: purchaseColumns,
    batchSize,
    readPage,
    toRecords: (rows) =>
      rows.map((row) => [
        row.id,
        row.createdAt.toISOString(),
        row.status.toLowerCase(),
        row.user.email,
        row.offeringId,
        row.offering.name,
        row.accessGrantedAt?.toISOString(),
        row.expiresAt?.toISOString(),
        row.refundedAt?.toISOString(),
      ]),
  });
  return { filename: exportFilename("purchases", now), stream };
}
