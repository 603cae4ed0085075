"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState, FormAction } from "@/lib/http/action-state";

type SendTestDeliveryFormProps = { offeringId: string; action: FormAction };

/** One click posts a signed test event to the offering's URL; what came back shows beside it. */
export function SendTestDeliveryForm({ offeringId, action }: SendTestDeliveryFormProps) {
  const { state, formAction, onSubmit } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="offeringId" value={offeringId} />
      <SubmitButton variant="secondary" pendingText="Sending…">
        Send test delivery
      </SubmitButton>
      <TestDeliveryResult state={state} />
    </form>
  );
}

function TestDeliveryResult({ state }: { state: ActionState }) {
  if (state.status === "idle") return null;
  if (state.status === "error") {
    return (
      <p
        role="alert"
        data-testid="test-delivery-result"
        className="rounded-md bg-rose-50 px-3 py-2 text-sm break-words text-rose-800"
      >
        {state.message}
      </p>
    );
  }
  const status = Number(state.data?.status);
  const tone = status >= 200 && status < 300 ? "text-emerald-800" : "text-rose-800";
  return (
    <div role="status" data-testid="test-delivery-result" className="space-y-1 text-sm">
      <p className={tone}>
        <span className="font-mono break-all">POST {state.data?.url}</span> answered{" "}
        <strong data-testid="test-delivery-status">{status}</strong>
      </p>
      <pre className="max-h-60 overflow-auto rounded-md bg-slate-50 p-2 text-xs text-slate-700 ring-1 ring-slate-200">
        {state.data?.body}
      </pre>
    </div>
  );
}
