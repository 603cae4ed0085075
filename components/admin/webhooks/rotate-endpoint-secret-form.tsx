"use client";

import { ConfirmSubmit } from "@/components/admin/confirm-submit";
import { useFormAction } from "@/components/admin/use-form-action";
import { SecretOnce } from "@/components/admin/webhooks/secret-once";
import { FormMessage } from "@/components/ui/form-message";
import type { FormAction } from "@/lib/http/action-state";

/** Issues a new signing secret, shown once; the old one also signs for 24 hours. */
export function RotateEndpointSecretForm({
  action,
  endpointId,
}: {
  action: FormAction;
  endpointId: string;
}) {
  const { state, formAction, onSubmit, pending } = useFormAction(action);
  const secret = state.status === "success" ? state.data?.secret : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <ConfirmSubmit
        label="Rotate secret"
        confirmLabel="Confirm rotation"
        question="Issue a new signing secret? For 24 hours every event is signed with both; switch your receiver to the new one before then."
        pendingText="Rotating…"
        state={state}
        pending={pending}
        variant="secondary"
      />
      <FormMessage state={state} />
      {secret ? <SecretOnce secret={secret} /> : null}
    </form>
  );
}
