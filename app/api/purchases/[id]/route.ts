import { userRoute } from "@/lib/auth/route-guards";
import { getUserPurchase } from "@/lib/purchases/get-user-purchase";

export const GET = userRoute<{ id: string }>(async (_request, { params, user }) => {
  return Response.json({
    purchase: await getUserPurchase({ userId: user.id, purchaseId: params.id }),
  });
});
