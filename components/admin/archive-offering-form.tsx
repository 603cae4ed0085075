"use client";

import { setOfferingArchivedAction } from "@/app/admin/offerings/actions";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** Archive takes an offering out of the catalog; existing purchases and its webhook keep working. */
export function ArchiveOfferingForm({ offeringId, archived }: { offeringId: string; archived: boolean }) {
  const { state, formAction, onSubmit } = useFormAction(setOfferingArchivedAction);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="offeringId" value={offeringId} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <SubmitButton variant={archived ? "secondary" : "danger"} pendingText={archived ? "Restoring…" : "Archiving…"}>
        {archived ? "Unarchive" : "Archive"}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
