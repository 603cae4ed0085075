"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";

/** "Reconcile with Stripe" since a day: the answer says what it checked and what it fixed. */
export function ReconcileForm({
  action,
  defaultSince,
}: {
  action: FormAction;
  defaultSince: string;
}) {
  const { state, formAction, onSubmit, pending, fieldError } = useFormAction(action);
  const since = state.status === "error" ? (state.values?.since ?? defaultSince) : defaultSince;
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" aria-busy={pending}>
      <div className="flex flex-wrap items-end gap-3">
        <Field
          label="Since (UTC)"
          name="since"
          type="date"
          required
          defaultValue={since}
          error={fieldError("since")}
        />
        <SubmitButton pendingText="Reconciling…">Reconcile with Stripe</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
