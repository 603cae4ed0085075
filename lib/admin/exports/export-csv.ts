import { exportOrdersCsv } from "@/lib/admin/exports/export-orders-csv";
import { exportPurchasesCsv } from "@/lib/admin/exports/export-purchases-csv";
import { createdDaysQuery, type ExportKind } from "@/lib/admin/exports/schemas";
import { exportCommissionsCsv } from "@/lib/commissions/export-commissions-csv";
import { commissionExportQuery } from "@/lib/commissions/schemas";

export type ExportCsvOptions = { kind: ExportKind; query: Record<string, string> };

/**
 * One of the admin's CSV downloads, with its query string's filters: orders and purchases take
 * `from`/`to` days; commissions take the commissions page's filters and `type` (entries unless
 * `payouts`). Returns the file name and a stream that reads the rows a page at a time.
 */
export async function exportCsv({
  kind,
  query,
}: ExportCsvOptions): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  switch (kind) {
    case "orders":
      return exportOrdersCsv(createdDaysQuery.parse(query));
    case "purchases":
      return exportPurchasesCsv(createdDaysQuery.parse(query));
    case "commissions":
      return exportCommissionsCsv(commissionExportQuery.parse({ type: "entries", ...query }));
  }
}
