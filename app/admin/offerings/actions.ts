"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { offeringArchiveForm, offeringIdForm, offeringUpdateForm } from "@/lib/admin/schemas";
import { formatDate } from "@/lib/format";
import { adminAction } from "@/lib/http/action";
import { createOffering } from "@/lib/offerings/create-offering";
import { offeringInput } from "@/lib/offerings/schemas";
import { rotateWebhookSecret } from "@/lib/offerings/rotate-webhook-secret";
import { setOfferingArchived } from "@/lib/offerings/set-offering-archived";
import { updateOffering } from "@/lib/offerings/update-offering";

const arrayFields = ["communityIds"];

export const createOfferingAction = adminAction({
  schema: offeringInput,
  arrayFields,
  run: async (input) => {
    const offering = await createOffering({ input });
    revalidatePath("/admin");
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
  run: async ({ offeringId, archived }) => {
    await setOfferingArchived({ offeringId, archived });
    revalidatePath("/admin", "layout");
    return { status: "success", message: archived ? "Offering archived." : "Offering restored to the catalog." };
  },
});

export const rotateSecretAction = adminAction({
  schema: offeringIdForm,
  run: async ({ offeringId }) => {
    const { previousSecretExpiresAt } = await rotateWebhookSecret({ offeringId });
    revalidatePath(`/admin/offerings/${offeringId}`);
    return {
      status: "success",
      message: `New secret issued. The previous secret stays valid until ${formatDate(previousSecretExpiresAt)}.`,
    };
  },
});
