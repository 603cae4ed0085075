"use client";

import { rotateSecretAction } from "@/app/admin/offerings/actions";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** Issues a new webhook secret; the page then shows it, and the old one works for 24 hours. */
export function RotateSecretForm({ offeringId }: { offeringId: string }) {
  const { state, formAction, onSubmit } = useFormAction(rotateSecretAction);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="offeringId" value={offeringId} />
      <SubmitButton variant="secondary" pendingText="Rotating…">
        Rotate secret
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
