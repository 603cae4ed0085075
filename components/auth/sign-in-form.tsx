"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/http/action-state";
import { ResendLinkForm } from "@/components/auth/resend-link-form";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/http/action-state";

type Props = {
  callbackUrl: string;
  /** False when the server sends no email (production without EMAIL_SERVER). */
  emailLinks: boolean;
  actions: { signIn: FormAction; magicLink: FormAction; resend: FormAction };
};

export function SignInForm({ callbackUrl, emailLinks, actions }: Props) {
  const [state, action] = useActionState(actions.signIn, idleState);
  const [linkState, linkAction] = useActionState(actions.magicLink, idleState);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const unverifiedEmail =
    state.status === "error" && state.error === "email_unverified" ? state.data?.email : null;
  // React resets the form after each action; the action sends back what was typed (not the password).
  const typedEmail = state.status === "error" ? state.values?.email : undefined;
  const linkEmail = linkState.status === "error" ? linkState.values?.email : undefined;
  return (
    <div className="space-y-8">
      <form action={action} className="space-y-4">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field
          key={typedEmail}
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={typedEmail}
          error={errors?.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors?.password}
        />
        <FormMessage state={state} />
        <SubmitButton pendingText="Signing in…" className="w-full">
          Sign in
        </SubmitButton>
      </form>
      {unverifiedEmail && emailLinks ? (
        <ResendLinkForm email={unverifiedEmail} callbackUrl={callbackUrl} action={actions.resend} />
      ) : null}
      {emailLinks ? (
        <form action={linkAction} className="space-y-3 border-t border-slate-200 pt-6">
          <p className="text-sm text-slate-600">Or get a sign-in link by email.</p>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Field
            key={linkEmail}
            label="Email for a sign-in link"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={linkEmail}
          />
          <FormMessage state={linkState} />
          <SubmitButton variant="secondary" pendingText="Sending…" className="w-full">
            Email me a sign-in link
          </SubmitButton>
        </form>
      ) : (
        <p role="note" className="border-t border-slate-200 pt-6 text-sm text-slate-600">
          Email sign-in links are off on this server: it has no mail server configured
          (EMAIL_SERVER).
        </p>
      )}
    </div>
  );
}
