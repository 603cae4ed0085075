"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  offeringArchiveForm,
  offeringIdForm,
  offeringUpdateForm,
  stripeSigningSecretForm,
} from "@/lib/admin/schemas";
import { formatDate } from "@/lib/format";
import { adminAction } from "@/lib/auth/action-guards";
import { createOffering } from "@/lib/offerings/create-offering";
import { offeringInput } from "@/lib/offerings/schemas";
import { rotateWebhookSecret } from "@/lib/offerings/rotate-webhook-secret";
import { sendTestDelivery } from "@/lib/offerings/send-test-delivery";
import { setOfferingArchived } from "@/lib/offerings/set-offering-archived";
import { setStripeSigningSecret } from "@/lib/offerings/set-stripe-signing-secret";
import { updateOffering } from "@/lib/offerings/update-offering";

const arrayFields = ["communityIds"];

export const createOfferingAction = adminAction({
  schema: offeringInput,
  arrayFields,
  run: async (input) => {
    const offering = await createOffering({ input });
    revalidatePath("/admin/offerings");
    redirect(`/admin/offerings/${offering.id}?created=1`);
  },
});

export const updateOfferingAction = adminAction({
  schema: offeringUpdateForm,
  arrayFields,
  run: async ({ offeringId, ...input }) => {
    await updateOffering({ offeringId, input });
    revalidatePath("/admin", "layout");
    return { status: "success", message: "Changes saved." };
  },
});

export const setOfferingArchivedAction = adminAction({
  schema: offeringArchiveForm,
  run: async ({ offeringId, archived }, { user }) => {
    await setOfferingArchived({ offeringId, archived, actorId: user.id });
    revalidatePath("/admin", "layout");
    return {
      status: "success",
      message: archived ? "Offering archived." : "Offering restored to the catalog.",
    };
  },
});

export const rotateSecretAction = adminAction({
  schema: offeringIdForm,
  run: async ({ offeringId }, { user }) => {
    const { previousSecretExpiresAt } = await rotateWebhookSecret({ offeringId, actorId: user.id });
    revalidatePath(`/admin/offerings/${offeringId}`);
    return {
      status: "success",
      message: `New secret issued. The previous secret stays valid until ${formatDate(previousSecretExpiresAt)}.`,
    };
  },
});

export const sendTestDeliveryAction = adminAction({
  schema: offeringIdForm,
  run: async ({ offeringId }) => {
    const { url, status, body } = await sendTestDelivery({ offeringId });
    revalidatePath(`/admin/offerings/${offeringId}`);
    return {
      status: "success",
      message: `The webhook answered ${status}.`,
      data: { url, status: String(status), body: JSON.stringify(body, null, 2) },
    };
  },
});

export const setStripeSigningSecretAction = adminAction({
  schema: stripeSigningSecretForm,
  run: async (input) => {
    const signingSecret = input.intent === "save" ? input.signingSecret : null;
    await setStripeSigningSecret({ offeringId: input.offeringId, signingSecret });
    revalidatePath(`/admin/offerings/${input.offeringId}`);
    return {
      status: "success",
      message: signingSecret ? "Stripe signing secret saved." : "Stripe signing secret removed.",
    };
  },
});
