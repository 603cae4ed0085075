"use client";

import type { ReactNode } from "react";
import { useFormAction } from "@/components/admin/use-form-action";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";

/**
 * Wraps the ledger table: the admin ticks earned entries, types the payout's reference (the
 * bank transfer's, say) and presses Mark paid. The server checks again that each entry is
 * earned, and refuses the whole payout otherwise.
 */
export function MarkPaidForm({ action, children }: { action: FormAction; children: ReactNode }) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: true,
  });
  const selectionError = fieldError("commissionIds");
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      aria-label="Mark entries paid"
      className="space-y-4"
    >
      {children}
      <div className="flex flex-wrap items-start gap-3">
        <div className="w-full sm:w-80">
          <Field
            label="Payout reference"
            name="reference"
            required
            maxLength={200}
            defaultValue={state.status === "error" ? state.values?.reference : undefined}
            error={fieldError("reference")}
            hint="The transfer's reference, so the payout can be found in the bank statement."
          />
        </div>
        <SubmitButton className="sm:mt-6" pendingText="Marking paid…">
          Mark paid
        </SubmitButton>
      </div>
      {selectionError ? (
        <p role="alert" className="text-sm text-rose-600">
          {selectionError}
        </p>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
