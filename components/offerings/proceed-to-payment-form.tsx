"use client";

import type { FormAction } from "@/lib/http/action-state";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/http/action-state";

export function ProceedToPaymentForm({
  action: proceed,
  offeringId,
}: {
  action: FormAction;
  offeringId: string;
}) {
  const [state, action] = useActionState(proceed, idleState);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="offeringId" value={offeringId} />
      <FormMessage state={state} />
      <SubmitButton pendingText="Preparing your payment…">Proceed to Payment</SubmitButton>
    </form>
  );
}
