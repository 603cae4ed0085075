"use client";

import { deleteCommunityAction } from "@/app/admin/communities/actions";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** Deletes a community, or says why it cannot: people still hold access to it. */
export function DeleteCommunityForm({ communityId, communityName }: { communityId: string; communityName: string }) {
  const { state, formAction, onSubmit } = useFormAction(deleteCommunityAction);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="communityId" value={communityId} />
      <SubmitButton variant="danger" pendingText="Deleting…" title={`Delete ${communityName}`}>
        Delete
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
