"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type FormAction } from "@/lib/http/action-state";

/** "Keep my plan": drops a downgrade that waits for the end of the period. */
export function KeepPlanForm({
  action,
  subscriptionId,
}: {
  action: FormAction;
  subscriptionId: string;
}) {
  const [state, submit] = useActionState(action, idleState);
  return (
    <form action={submit} className="space-y-2">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <SubmitButton variant="secondary" pendingText="Keeping…">
        Keep my plan
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
