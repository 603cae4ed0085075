import { userRoute } from "@/lib/auth/route-guards";
import { listUserPurchases } from "@/lib/purchases/list-user-purchases";
import { pageQuery } from "@/lib/http/paging";

/** The caller's own purchases, a page at a time: `?page=1&pageSize=10`. */
export const GET = userRoute(async (request, { user }) => {
  const query = pageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listUserPurchases({ userId: user.id, ...query }));
});
