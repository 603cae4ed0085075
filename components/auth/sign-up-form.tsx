"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/http/action-state";
import { ResendLinkForm } from "@/components/auth/resend-link-form";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/http/action-state";

type Props = { callbackUrl: string; actions: { signUp: FormAction; resend: FormAction } };

export function SignUpForm({ callbackUrl, actions }: Props) {
  const [state, action] = useActionState(actions.signUp, idleState);
  if (state.status === "success" && state.data?.email) {
    return (
      <div
        data-testid="verify-email-banner"
        role="status"
        className="space-y-4 rounded-md bg-indigo-50 px-4 py-3 text-sm text-indigo-900"
      >
        <p className="font-semibold">Confirm your email address</p>
        <p>{state.message}</p>
        <p className="text-indigo-800">
          Nothing arrived? Check your spam folder, or send the link again.
        </p>
        <ResendLinkForm
          email={state.data.email}
          callbackUrl={callbackUrl}
          action={actions.resend}
        />
      </div>
    );
  }
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  // React resets the form after each action; the action sends back what was typed (not the password).
  const typed = state.status === "error" ? state.values : undefined;
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        key={`name:${typed?.name}`}
        label="Name"
        name="name"
        autoComplete="name"
        defaultValue={typed?.name}
        error={errors?.name}
      />
      <Field
        key={`email:${typed?.email}`}
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={typed?.email}
        error={errors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters"
        error={errors?.password}
      />
      <FormMessage state={state} />
      <SubmitButton pendingText="Creating your account…" className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
