"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState, FormAction } from "@/lib/http/action-state";

/** One click posts a signed test event to the app's own Stripe endpoint; the answer shows below. */
export function SendStripeTestEventForm({ action }: { action: FormAction }) {
  const { state, formAction, onSubmit } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      <SubmitButton variant="secondary" pendingText="Sending…">
        Send test event
      </SubmitButton>
      <TestEventResult state={state} />
    </form>
  );
}

function TestEventResult({ state }: { state: ActionState }) {
  if (state.status === "idle") return null;
  if (state.status === "error") {
    return (
      <p
        role="alert"
        data-testid="test-event-result"
        className="rounded-md bg-rose-50 px-3 py-2 text-sm break-words text-rose-800"
      >
        {state.message}
      </p>
    );
  }
  const status = Number(state.data?.status);
  const verified = status >= 200 && status < 300;
  return (
    <div role="status" data-testid="test-event-result" className="space-y-1 text-sm">
      <p className={verified ? "text-emerald-800" : "text-rose-800"}>
        <span className="font-mono break-all">POST {state.data?.url}</span> answered{" "}
        <strong data-testid="test-event-status">{status}</strong>
        {verified
          ? ": the signature verified and the event was recorded."
          : status === 400
            ? ": the signature did not verify with the secret in effect."
            : "."}
      </p>
      <pre className="max-h-60 overflow-auto rounded-md bg-slate-50 p-2 text-xs text-slate-700 ring-1 ring-slate-200">
        {state.data?.body}
      </pre>
    </div>
  );
}
