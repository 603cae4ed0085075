"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { communityIdForm, communityUpdateForm } from "@/lib/admin/schemas";
import { communityInput } from "@/lib/communities/schemas";
import {
  createCommunity,
  deleteCommunity,
  updateCommunity,
} from "@/lib/communities/manage-communities";
import { adminAction } from "@/lib/auth/action-guards";

export const createCommunityAction = adminAction({
  schema: communityInput,
  run: async (input) => {
    const community = await createCommunity({ input });
    revalidatePath("/admin", "layout");
    return { status: "success", message: `Community “${community.name}” created.` };
  },
});

export const updateCommunityAction = adminAction({
  schema: communityUpdateForm,
  run: async ({ communityId, ...input }) => {
    await updateCommunity({ communityId, input });
    revalidatePath("/admin", "layout");
    return { status: "success", message: "Changes saved." };
  },
});

/** Refused (with the reason shown) while anyone holds access to the community. */
export const deleteCommunityAction = adminAction({
  schema: communityIdForm,
  run: async ({ communityId }) => {
    await deleteCommunity({ communityId });
    revalidatePath("/admin", "layout");
    redirect("/admin/communities?deleted=1");
  },
});
