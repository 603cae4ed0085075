"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";

/** Sends one message to this endpoint again: the same body and webhook-id. */
export function ReplayDeliveryForm({
  action,
  deliveryId,
  endpointId,
  messageId,
}: {
  action: FormAction;
  deliveryId: string;
  endpointId: string;
  messageId: string;
}) {
  const { state, formAction, onSubmit } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <SubmitButton
        variant="secondary"
        pendingText="Queuing…"
        className="px-3 py-1.5 text-xs"
        aria-label={`Replay ${messageId}`}
      >
        Replay
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
