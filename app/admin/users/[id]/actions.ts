"use server";

import { revalidatePath } from "next/cache";
import { grantCommunityManually } from "@/lib/access/grant-community-manually";
import { revokeCommunityManually } from "@/lib/access/revoke-community-manually";
import { grantCommunityForm, revokeCommunityForm } from "@/lib/access/schemas";
import { adminAction } from "@/lib/auth/action-guards";

export const grantCommunityAction = adminAction({
  schema: grantCommunityForm,
  keepFields: ["communityId", "reason", "accessThrough"],
  async run({ userId, communityId, reason, accessThrough }, { user }) {
    const granted = await grantCommunityManually({
      userId,
      communityId,
      reason,
      expiresAt: accessThrough,
      actorId: user.id,
    });
    revalidatePath(`/admin/users/${userId}`);
    return { status: "success", message: `Granted ${granted.communityName}.` };
  },
});

export const revokeCommunityAction = adminAction({
  schema: revokeCommunityForm,
  keepFields: ["communityId", "reason"],
  async run({ userId, communityId, reason }, { user }) {
    const { revoked } = await revokeCommunityManually({
      userId,
      communityId,
      reason,
      actorId: user.id,
    });
    revalidatePath(`/admin/users/${userId}`);
    const memberships = revoked === 1 ? "1 membership" : `${revoked} memberships`;
    return { status: "success", message: `Revoked (${memberships}).` };
  },
});
