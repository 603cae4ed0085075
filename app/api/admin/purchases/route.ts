import { pageQuery } from "@/lib/admin/schemas";
import { adminRoute } from "@/lib/http/route";
import { listPurchasesForAdmin } from "@/lib/purchases/list-purchases-for-admin";

/** Every user's purchases, newest first: ?page=1&pageSize=25. */
export const GET = adminRoute(async (request) => {
  const { searchParams } = new URL(request.url);
  const { page, pageSize } = pageQuery.parse({
    page: searchParams.get("page") ?? undefined,
    pageSize: searchParams.get("pageSize") ?? undefined,
  });
  return Response.json(await listPurchasesForAdmin({ page, pageSize }));
});
