import { exportCommissionsCsv } from "@/lib/commissions/export-commissions-csv";
import { commissionExportQuery } from "@/lib/commissions/schemas";
import { adminRoute } from "@/lib/http/route";

/** GET ?type=entries|payouts with the admin page's filters: a CSV download. */
export const GET = adminRoute(async (request) => {
  const query = commissionExportQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { filename, body } = await exportCommissionsCsv(query);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
