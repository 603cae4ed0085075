"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";

/** Approve one entry held as a possible self-referral; the answer shows as a toast. */
export function ApproveCommissionForm({
  action,
  commissionId,
  label,
}: {
  action: FormAction;
  commissionId: string;
  label: string;
}) {
  const { formAction, onSubmit } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit}>
      <input type="hidden" name="commissionId" value={commissionId} />
      <SubmitButton variant="secondary" pendingText="Approving…" aria-label={label}>
        Approve
      </SubmitButton>
    </form>
  );
}
