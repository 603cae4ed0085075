"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";

/** Queues a signed `webhook.test` event for this endpoint alone. */
export function SendTestEventForm({
  action,
  endpointId,
  disabled,
}: {
  action: FormAction;
  endpointId: string;
  disabled: boolean;
}) {
  const { state, formAction, onSubmit } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="endpointId" value={endpointId} />
      <SubmitButton
        variant="secondary"
        pendingText="Sending…"
        disabled={disabled}
        title={disabled ? "Turn the endpoint on first" : undefined}
      >
        Send test event
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
