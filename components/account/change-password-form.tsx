"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/http/action-state";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/http/action-state";

export function ChangePasswordForm({
  askCurrent,
  action,
}: {
  askCurrent: boolean;
  action: FormAction;
}) {
  const [state, submit] = useActionState(action, idleState);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form action={submit} className="space-y-4">
      {askCurrent ? (
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors?.currentPassword}
        />
      ) : null}
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters"
        error={errors?.newPassword}
      />
      <FormMessage state={state} />
      <SubmitButton pendingText="Saving…">Save password</SubmitButton>
    </form>
  );
}
