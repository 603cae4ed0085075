"use server";

import { revalidatePath } from "next/cache";
import { approveCommission } from "@/lib/commissions/approve-commission";
import { markCommissionsPaid } from "@/lib/commissions/mark-commissions-paid";
import { approveCommissionForm, markCommissionsPaidForm } from "@/lib/commissions/schemas";
import { adminAction } from "@/lib/auth/action-guards";
import { formatMoney } from "@/lib/money";

export const markCommissionsPaidAction = adminAction({
  schema: markCommissionsPaidForm,
  arrayFields: ["commissionIds"],
  keepFields: ["reference"],
  async run({ commissionIds, reference }, { user }) {
    const payout = await markCommissionsPaid({ commissionIds, reference, adminId: user.id });
    revalidatePath("/admin/commissions");
    const count = payout.commissionIds.length;
    return {
      status: "success",
      message: `Marked ${count} ${count === 1 ? "entry" : "entries"} paid: ${formatMoney(payout.total, payout.currency)}, reference “${payout.reference}”.`,
    };
  },
});

export const approveCommissionAction = adminAction({
  schema: approveCommissionForm,
  async run({ commissionId }, { user }) {
    const { approved } = await approveCommission({ commissionId, adminId: user.id });
    revalidatePath("/admin/commissions");
    return {
      status: "success",
      message: approved
        ? "Approved: the entry is earned once its hold period has passed."
        : "This entry was approved already.",
    };
  },
});
