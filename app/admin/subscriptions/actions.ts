"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/auth/action-guards";
import { cancelSubscriptionAsAdmin } from "@/lib/subscriptions/cancel-subscription-as-admin";
import { refundInvoiceAsAdmin } from "@/lib/subscriptions/refund-invoice-as-admin";
import { cancelSubscriptionForm, refundInvoiceForm } from "@/lib/subscriptions/schemas";

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

export const refundInvoiceAction = adminAction({
  schema: refundInvoiceForm,
  keepFields: ["amount", "note"],
  async run(input, { user }) {
    const result = await refundInvoiceAsAdmin({ ...input, adminId: user.id });
    revalidatePath(`/admin/subscriptions/${input.subscriptionId}`);
    const what = result.full ? "Invoice refunded in full." : "Partial refund recorded.";
    return {
      status: "success",
      message: `${what}${result.canceled ? " The subscription is canceled." : ""}`,
    };
  },
});
