"use server";

import { revalidatePath } from "next/cache";
import { saveCommissionRules } from "@/lib/commissions/save-commission-rules";
import { commissionRulesForm } from "@/lib/commissions/schemas";
import { adminAction } from "@/lib/auth/action-guards";

export const saveCommissionRulesAction = adminAction({
  schema: commissionRulesForm,
  keepFields: ["defaultRateBps", "level2RateBps", "level3RateBps", "holdDays", "refundWindowDays"],
  async run(rules, { user }) {
    const { changed } = await saveCommissionRules({ rules, adminId: user.id });
    revalidatePath("/admin/settings/commissions");
    revalidatePath("/admin/commissions");
    return {
      status: "success",
      message: changed.length > 0 ? "Commission rules saved." : "Nothing changed.",
    };
  },
});
