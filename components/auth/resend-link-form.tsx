"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/http/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/http/action-state";

/** "Resend link" for an address waiting to be confirmed (the server limits it to one a minute). */
export function ResendLinkForm({
  email,
  callbackUrl,
  action,
}: {
  email: string;
  callbackUrl: string;
  action: FormAction;
}) {
  const [state, resend] = useActionState(action, idleState);
  return (
    <form action={resend} className="space-y-2">
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <SubmitButton variant="secondary" pendingText="Sending…">
        Resend link
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
