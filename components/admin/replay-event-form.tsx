"use client";

import { ConfirmSubmit } from "@/components/admin/confirm-submit";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import type { FormAction } from "@/lib/http/action-state";

type Props = { action: FormAction; eventRecordId: string; replayable: boolean };

/**
 * Runs a failed or unmatched event again through its handler. The first press asks; the answer
 * (processed, failed again, or nothing to do) shows below and as a toast, and stays after the
 * page refreshes with the event's new outcome.
 */
export function ReplayEventForm({ action, eventRecordId, replayable }: Props) {
  const { state, formAction, onSubmit, pending } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="eventRecordId" value={eventRecordId} />
      {replayable ? (
        <ConfirmSubmit
          label="Replay"
          confirmLabel="Confirm replay"
          question="Run this event again through its handler? If it applies now, it grants or revokes what it names, once."
          pendingText="Replaying…"
          state={state}
          pending={pending}
          variant="secondary"
        />
      ) : (
        <p className="text-sm text-slate-600">
          This event has applied (or was ignored): a replay would change nothing.
        </p>
      )}
      <FormMessage state={state} />
    </form>
  );
}
