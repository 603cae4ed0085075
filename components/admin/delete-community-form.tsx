"use client";

import type { FormAction } from "@/lib/http/action-state";
import { ConfirmSubmit } from "@/components/admin/confirm-submit";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";

/** Deletes a community after a confirmation, or says why it cannot: people still hold access. */
export function DeleteCommunityForm({
  action,
  communityId,
  communityName,
}: {
  action: FormAction;
  communityId: string;
  communityName: string;
}) {
  const { state, formAction, onSubmit, pending } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="communityId" value={communityId} />
      <ConfirmSubmit
        label="Delete"
        confirmLabel="Confirm delete"
        question={`Delete “${communityName}”? This cannot be undone.`}
        pendingText="Deleting…"
        state={state}
        pending={pending}
        title={`Delete ${communityName}`}
      />
      <FormMessage state={state} />
    </form>
  );
}
