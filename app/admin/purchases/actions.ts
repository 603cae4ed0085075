"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/lib/http/storable-text";
import { adminAction } from "@/lib/auth/action-guards";
import { refundPurchaseAsAdmin } from "@/lib/purchases/refund-purchase-as-admin";

export const refundPurchaseAction = adminAction({
  schema: z.object({ purchaseId: recordId }),
  async run({ purchaseId }, { user }) {
    await refundPurchaseAsAdmin({ purchaseId, adminId: user.id });
    revalidatePath("/admin/purchases");
    return { status: "success", message: "Refunded; access revoked." };
  },
});
