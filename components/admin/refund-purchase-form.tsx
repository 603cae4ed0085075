"use client";

import { refundPurchaseAction } from "@/app/admin/purchases/actions";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** Refunds through the payment provider and revokes the access at once. */
export function RefundPurchaseForm({ purchaseId }: { purchaseId: string }) {
  const { state, formAction, onSubmit } = useFormAction(refundPurchaseAction);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-1">
      <input type="hidden" name="purchaseId" value={purchaseId} />
      <SubmitButton variant="danger" pendingText="Refunding…">
        Refund
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
