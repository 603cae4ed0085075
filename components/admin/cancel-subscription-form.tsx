"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";

type Props = {
  action: FormAction;
  subscriptionId: string;
  /** False once the subscription is already set to end with its period. */
  canCancelAtPeriodEnd: boolean;
};

/**
 * Cancels at Stripe, now (access ends at once) or at the end of the paid period. Neither
 * button submits until the admin ticks "I understand" (the browser stops it, and the server
 * checks again), so one stray click cannot end someone's subscription.
 */
export function CancelSubscriptionForm({ action, subscriptionId, canCancelAtPeriodEnd }: Props) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: true,
  });
  const confirmError = fieldError("confirm");
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div className="flex items-start gap-2 text-sm text-slate-700">
        <input
          id="cancel-confirm"
          type="checkbox"
          name="confirm"
          required
          aria-describedby="cancel-confirm-hint"
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600"
        />
        <div>
          <label htmlFor="cancel-confirm" className="font-medium">
            I understand
          </label>
          <p id="cancel-confirm-hint" className="text-xs text-slate-500">
            Canceling now ends the subscription and its access at once, with no refund. Canceling at
            period end keeps access until the paid period ends.
          </p>
          {confirmError ? <p className="text-xs text-rose-600">{confirmError}</p> : null}
        </div>
      </div>
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="when" value="now" variant="danger" pendingText="Canceling…">
          Cancel now
        </SubmitButton>
        {canCancelAtPeriodEnd ? (
          <SubmitButton name="when" value="period_end" variant="secondary" pendingText="Canceling…">
            Cancel at period end
          </SubmitButton>
        ) : null}
      </div>
      <FormMessage state={state} />
    </form>
  );
}
