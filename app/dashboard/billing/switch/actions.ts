"use server";

import { redirect } from "next/navigation";
import { userAction } from "@/lib/auth/action-guards";
import { switchPlan } from "@/lib/payments/stripe/switch-plan";
import { switchPlanForm } from "@/lib/subscriptions/schemas";

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
    redirect(`/dashboard/billing?switched=${encodeURIComponent(switched.offeringId)}`);
  },
});
