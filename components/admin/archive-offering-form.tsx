"use client";

import type { FormAction } from "@/lib/http/action-state";
import { ConfirmSubmit } from "@/components/admin/confirm-submit";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * Archive takes an offering out of the catalog (after a confirmation); existing purchases and
 * its webhook keep working. Unarchiving puts it back at once.
 */
export function ArchiveOfferingForm({
  action,
  offeringId,
  archived,
}: {
  action: FormAction;
  offeringId: string;
  archived: boolean;
}) {
  const { state, formAction, onSubmit, pending } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="offeringId" value={offeringId} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      {archived ? (
        <SubmitButton variant="secondary" pendingText="Restoring…">
          Unarchive
        </SubmitButton>
      ) : (
        <ConfirmSubmit
          label="Archive"
          confirmLabel="Confirm archive"
          question="Archive this offering? It leaves the catalog; purchases, access and its webhook keep working."
          pendingText="Archiving…"
          state={state}
          pending={pending}
        />
      )}
      <FormMessage state={state} />
    </form>
  );
}
