import { csvDownloadHeaders } from "@/lib/keyset-csv-stream";
import { exportCommissionsCsv } from "@/lib/commissions/export-commissions-csv";
import { commissionExportQuery } from "@/lib/commissions/schemas";
import { adminRoute } from "@/lib/auth/route-guards";

/**
 * GET ?type=entries|payouts with the admin page's filters: a streamed CSV download. Kept for
 * links already shared; the admin pages link to /api/admin/exports/commissions.
 */
export const GET = adminRoute(async (request) => {
  const query = commissionExportQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { filename, stream } = await exportCommissionsCsv(query);
  return new Response(stream, { headers: csvDownloadHeaders(filename) });
});
