"use client";

import type { FormAction } from "@/lib/http/action-state";
import { useEffect, useRef, useState } from "react";
import { useFormAction } from "@/components/admin/use-form-action";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const compact = "px-3 py-1.5 text-xs";

/**
 * Refunds through the payment provider and revokes the access at once. A refund cannot be
 * undone, so the first press only asks: "Confirm refund" does it, "Cancel" puts the row back.
 */
export function RefundPurchaseForm({
  action,
  purchaseId,
  summary,
}: {
  action: FormAction;
  purchaseId: string;
  summary: string;
}) {
  const { state, formAction, onSubmit, pending } = useFormAction(action);
  const [confirming, setConfirming] = useState(false);
  const refundRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // Keyboard focus follows the question and comes back to Refund when it is withdrawn.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (asked.current) refundRef.current?.focus();
    asked.current ||= confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <Button ref={refundRef} type="button" variant="danger" onClick={() => setConfirming(true)}>
        Refund
      </Button>
    );
  }
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      className="w-56 space-y-2"
      role="group"
      aria-label="Confirm refund"
    >
      <input type="hidden" name="purchaseId" value={purchaseId} />
      <p className="text-xs text-slate-700">
        Refund {summary} and revoke the access? This cannot be undone.
      </p>
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingText="Refunding…" className={compact}>
          Confirm refund
        </SubmitButton>
        <Button
          ref={cancelRef}
          type="button"
          variant="secondary"
          className={compact}
          disabled={pending}
          onClick={() => setConfirming(false)}
        >
          Cancel
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
