"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/auth/action-guards";
import { saveStripeSettings } from "@/lib/settings/save-stripe-settings";
import { stripeSettingsInput } from "@/lib/settings/schemas";
import { sendStripeTestEvent } from "@/lib/settings/send-stripe-test-event";

const PAGE = "/admin/settings/integrations";

const labels = {
  webhookSecret: "webhook signing secret",
  secretKey: "secret key",
  publishableKey: "publishable key",
  previousWebhookSecret: "previous signing secret",
} as const;

export const saveStripeSettingsAction = adminAction({
  schema: stripeSettingsInput,
  arrayFields: ["remove"],
  keepFields: ["overlapHours"],
  run: async (input, { user }) => {
    const { changed } = await saveStripeSettings({ input, actorId: user.id });
    revalidatePath(PAGE);
    return {
      status: "success",
      message: changed.length
        ? `Saved. Changed: ${changed.map((field) => labels[field]).join(", ")}.`
        : "Nothing changed: empty fields keep their saved value.",
    };
  },
});

export const sendStripeTestEventAction = adminAction({
  schema: z.object({}),
  run: async () => {
    const { url, eventId, status, body } = await sendStripeTestEvent();
    revalidatePath(PAGE);
    return {
      status: "success",
      message: `The endpoint answered ${status}.`,
      data: { url, eventId, status: String(status), body: JSON.stringify(body, null, 2) },
    };
  },
});
