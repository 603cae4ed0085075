"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";

/** Turns an endpoint on, or off (what waits for it is canceled; Replay sends it later). */
export function EndpointSwitchForm({
  action,
  endpointId,
  enabled,
}: {
  action: FormAction;
  endpointId: string;
  enabled: boolean;
}) {
  const { state, formAction, onSubmit } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="endpointId" value={endpointId} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <SubmitButton variant="secondary" pendingText={enabled ? "Turning off…" : "Turning on…"}>
        {enabled ? "Turn off" : "Turn on"}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
