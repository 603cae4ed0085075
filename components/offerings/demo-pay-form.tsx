"use client";

import { useActionState } from "react";
import { payDemoAction } from "@/app/demo-provider/pay/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/http/action-state";

export function DemoPayForm({ purchaseId }: { purchaseId: string }) {
  const [state, action] = useActionState(payDemoAction, idleState);
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
