"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { cancelPlanSwitch } from "@/lib/payments/stripe/cancel-plan-switch";
import { userAction } from "@/lib/auth/action-guards";
import { switchPlan } from "@/lib/payments/stripe/switch-plan";
import { keepPlanForm, switchPlanForm } from "@/lib/subscriptions/schemas";

/** Confirms a previewed plan switch, then back to billing, which names the new plan. */
export const switchPlanAction = userAction({
  schema: switchPlanForm,
  async run({ subscriptionId, offeringId, prorationDate, requestId }, { user }) {
    const switched = await switchPlan({
      userId: user.id,
      subscriptionId,
      offeringId,
      prorationDate: prorationDate ?? null,
      requestId,
    });
    const outcome = switched.at ? "scheduled" : "switched";
    redirect(`/dashboard/billing?${outcome}=${encodeURIComponent(switched.offeringId)}`);
  },
});

/** Drops a pending downgrade: the subscription renews on its plan. */
export const keepPlanAction = userAction({
  schema: keepPlanForm,
  async run({ subscriptionId }, { user }) {
    await cancelPlanSwitch({ userId: user.id, subscriptionId });
    revalidatePath("/dashboard/billing");
    return { status: "success", message: "Your plan stays as it is." };
  },
});
