import { adminPurchaseQuery } from "@/lib/admin/schemas";
import { adminRoute } from "@/lib/auth/route-guards";
import { listPurchasesForAdmin } from "@/lib/purchases/list-purchases-for-admin";

/** Every user's purchases, newest first: ?pageSize=25, then ?after=`next`
 * (or ?before=`previous`) from the answer; optional status, email, offeringId. */
export const GET = adminRoute(async (request) => {
  const { searchParams } = new URL(request.url);
  const query = adminPurchaseQuery.parse(Object.fromEntries(searchParams));
  return Response.json(await listPurchasesForAdmin(query));
});
