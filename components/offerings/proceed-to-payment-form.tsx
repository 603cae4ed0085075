"use client";

import { useActionState } from "react";
import { proceedToPaymentAction } from "@/app/(shop)/offerings/[id]/checkout/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/http/action-state";

export function ProceedToPaymentForm({ offeringId }: { offeringId: string }) {
  const [state, action] = useActionState(proceedToPaymentAction, idleState);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="offeringId" value={offeringId} />
      <FormMessage state={state} />
      <SubmitButton pendingText="Preparing your payment…">Proceed to Payment</SubmitButton>
    </form>
  );
}
