"use client";

import type { FormAction } from "@/lib/http/action-state";
import { ConfirmSubmit } from "@/components/admin/confirm-submit";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";

/**
 * Issues a new webhook secret, after a confirmation; the page then shows it, and the old one
 * works for 24 hours.
 */
export function RotateSecretForm({
  action,
  offeringId,
}: {
  action: FormAction;
  offeringId: string;
}) {
  const { state, formAction, onSubmit, pending } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="offeringId" value={offeringId} />
      <ConfirmSubmit
        label="Rotate secret"
        confirmLabel="Confirm rotation"
        question="Issue a new secret? The current one stops working in 24 hours: update your provider before then."
        pendingText="Rotating…"
        state={state}
        pending={pending}
        variant="secondary"
      />
      <FormMessage state={state} />
    </form>
  );
}
