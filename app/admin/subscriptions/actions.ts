"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/auth/action-guards";
import { cancelSubscriptionAsAdmin } from "@/lib/subscriptions/cancel-subscription-as-admin";
import { cancelSubscriptionForm } from "@/lib/subscriptions/schemas";

export const cancelSubscriptionAction = adminAction({
  schema: cancelSubscriptionForm,
  async run({ subscriptionId, when }, { user }) {
    const result = await cancelSubscriptionAsAdmin({ subscriptionId, when, actorId: user.id });
    revalidatePath("/admin/subscriptions");
    revalidatePath(`/admin/subscriptions/${subscriptionId}`);
    const done = when === "now" ? "Canceled now." : "Set to cancel at the end of the period.";
    const pending =
      result.outcome === "PROCESSED" ? "" : " Our record follows when Stripe's event arrives.";
    return { status: "success", message: `${done}${pending}` };
  },
});
