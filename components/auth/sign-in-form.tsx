"use client";

import { useActionState } from "react";
import { magicLinkAction, signInAction } from "@/app/(auth)/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/http/action-state";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(signInAction, idleState);
  const [linkState, linkAction] = useActionState(magicLinkAction, idleState);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <div className="space-y-8">
      <form action={action} className="space-y-4">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors?.email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors?.password} />
        <FormMessage state={state} />
        <SubmitButton pendingText="Signing in…" className="w-full">
          Sign in
        </SubmitButton>
      </form>
      <form action={linkAction} className="space-y-3 border-t border-slate-200 pt-6">
        <p className="text-sm text-slate-600">Or get a sign-in link by email.</p>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field label="Email for a sign-in link" name="email" type="email" autoComplete="email" required />
        <FormMessage state={linkState} />
        <SubmitButton variant="secondary" pendingText="Sending…" className="w-full">
          Email me a sign-in link
        </SubmitButton>
      </form>
    </div>
  );
}
