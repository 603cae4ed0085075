"use client";

import { ConfirmSubmit } from "@/components/admin/confirm-submit";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import type { FormAction } from "@/lib/http/action-state";

/** Deletes an endpoint and its delivery log, after a confirmation. */
export function DeleteEndpointForm({
  action,
  endpointId,
}: {
  action: FormAction;
  endpointId: string;
}) {
  const { state, formAction, onSubmit, pending } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="endpointId" value={endpointId} />
      <ConfirmSubmit
        label="Delete endpoint"
        confirmLabel="Confirm delete"
        question="Delete this endpoint and its delivery log? Nothing more is sent to it. This cannot be undone."
        pendingText="Deleting…"
        state={state}
        pending={pending}
      />
      <FormMessage state={state} />
    </form>
  );
}
