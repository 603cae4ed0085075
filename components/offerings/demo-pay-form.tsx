"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type FormAction } from "@/lib/http/action-state";

type DemoPayFormProps = {
  purchaseId: string;
  action: FormAction;
};

export function DemoPayForm({ purchaseId, action: payAction }: DemoPayFormProps) {
  const [state, action] = useActionState(payAction, idleState);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="purchaseId" value={purchaseId} />
      <FormMessage state={state} />
      <div className="flex gap-3">
        <SubmitButton name="outcome" value="succeeded" pendingText="Paying…">
          Pay now
        </SubmitButton>
        <SubmitButton name="outcome" value="failed" variant="secondary" pendingText="Working…">
          Decline payment
        </SubmitButton>
      </div>
    </form>
  );
}
