import { adminRoute } from "@/lib/auth/route-guards";
import { refundPurchaseAsAdmin } from "@/lib/purchases/refund-purchase-as-admin";

export const POST = adminRoute<{ id: string }>(async (_request, { params, user }) => {
  const result = await refundPurchaseAsAdmin({ purchaseId: params.id, adminId: user.id });
  return Response.json(result);
});
