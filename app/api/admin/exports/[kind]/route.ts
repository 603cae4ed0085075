import { exportCsv } from "@/lib/admin/exports/export-csv";
import { csvDownloadHeaders } from "@/lib/keyset-csv-stream";
import { exportKind } from "@/lib/admin/exports/schemas";
import { AppError } from "@/lib/errors";
import { adminRoute } from "@/lib/auth/route-guards";

/** GET /api/admin/exports/orders|purchases|commissions?…filters: a streamed CSV download. */
export const GET = adminRoute<{ kind: string }>(async (request, { params }) => {
  const kind = exportKind.safeParse(params.kind);
  if (!kind.success) throw new AppError("not_found", "There is no export of this kind.");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { filename, stream } = await exportCsv({ kind: kind.data, query });
  return new Response(stream, { headers: csvDownloadHeaders(filename) });
});
