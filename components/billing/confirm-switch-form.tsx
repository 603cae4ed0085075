"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type FormAction } from "@/lib/http/action-state";

type Props = {
  action: FormAction;
  subscriptionId: string;
  offeringId: string;
  prorationDate: number | null;
  requestId: string;
  label: string;
};

/** The one button that makes a previewed switch happen, and why it did not if it did not. */
export function ConfirmSwitchForm({ action, label, prorationDate, ...fields }: Props) {
  const [state, submit] = useActionState(action, idleState);
  return (
    <form action={submit} className="space-y-3">
      <input type="hidden" name="subscriptionId" value={fields.subscriptionId} />
      <input type="hidden" name="offeringId" value={fields.offeringId} />
      <input type="hidden" name="prorationDate" value={prorationDate ?? ""} />
      <input type="hidden" name="requestId" value={fields.requestId} />
      <SubmitButton pendingText="Switching…">{label}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
