"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { idleState, type FormAction } from "@/lib/http/action-state";

/**
 * "Email me about commissions": a switch that saves as soon as it is pressed. It shows the
 * saved choice, and the pending one while it is saved.
 */
export function CommissionEmailsForm({ on, action }: { on: boolean; action: FormAction }) {
  const [state, submit, pending] = useActionState(action, idleState);
  const saved = state.status === "success" ? state.data?.commissionEmails === "on" : on;
  return (
    <form action={submit} className="space-y-3">
      <input type="hidden" name="commissionEmails" value={saved ? "off" : "on"} />
      <div className="flex items-center justify-between gap-4">
        <span id="commission-emails-label" className="text-sm font-medium text-slate-900">
          Email me about commissions
        </span>
        <button
          type="submit"
          role="switch"
          aria-checked={saved}
          aria-labelledby="commission-emails-label"
          aria-busy={pending}
          disabled={pending}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60 ${
            saved ? "bg-indigo-600" : "bg-slate-400"
          }`}
        >
          <span
            aria-hidden="true"
            className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${
              saved ? "translate-x-5" : "translate-x-0.5"
            }`}
          />
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
