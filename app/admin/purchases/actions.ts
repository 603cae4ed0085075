"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/http/action";
import { refundPurchaseAsAdmin } from "@/lib/payments/refund-purchase-as-admin";

export const refundPurchaseAction = adminAction({
  schema: z.object({ purchaseId: z.string().min(1).max(100) }),
  async run({ purchaseId }, { user }) {
    await refundPurchaseAsAdmin({ purchaseId, adminId: user.id });
    revalidatePath("/admin/purchases");
    return { status: "success", message: "Refunded; access revoked." };
  },
});
