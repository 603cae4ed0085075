import { db } from "@/lib/db";
import { afterKeyset, keysetCsvStream, keysetOrder, type Keyset } from "@/lib/keyset-csv-stream";
import { createdWithin, exportFilename, type CreatedDaysQuery } from "@/lib/admin/exports/schemas";

export type ExportOrdersCsvOptions = CreatedDaysQuery & { batchSize?: number; now?: Date };

export const orderColumns = [
  "order_id",
  "created_at",
  "paid_at",
  "status",
  "provider",
  "buyer_email",
  "offering",
  "purchase_id",
  "amount_minor",
  "currency",
  "provider_order_id",
  "provider_payment_id",
  "provider_invoice_id",
];

/**
 * Every order (created in the optional day range), oldest first, as a streamed CSV. Amounts are
 * integers in minor units beside their currency; times are ISO 8601 UTC.
 */
export function exportOrdersCsv({ batchSize, now, ...days }: ExportOrdersCsvOptions) {
  const readPage = (after: Keyset | undefined, take: number) =>
    db.order.findMany({
      where: { AND: [createdWithin(days), afterKeyset(after)] },
      orderBy: keysetOrder,
      take,
      select: {
        id: true,
        createdAt: true,
        paidAt: true,
        status: true,
        provider: true,
        purchaseId: true,
        amount: true,
        currency: true,
        providerOrderId: true,
        providerCaptureId: true,
        providerInvoiceId: true,
        user: { select: { email: true } },
        offering: { select: { name: true } },
      },
    });
  const stream = keysetCsvStream({
    header: orderColumns,
    batchSize,
    readPage,
    toRecords: (rows) =>
      rows.map((row) => [
        row.id,
        row.createdAt.toISOString(),
        row.paidAt?.toISOString(),
        row.status.toLowerCase(),
        row.provider.toLowerCase(),
        row.user.email,
        row.offering.name,
        row.purchaseId,
        row.amount,
        row.currency,
        row.providerOrderId,
        row.providerCaptureId,
        row.providerInvoiceId,
      ]),
  });
  return { filename: exportFilename("orders", now), stream };
}
