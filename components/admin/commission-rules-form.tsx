"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CommissionRules } from "@/lib/commissions/commission-rules";
import type { FormAction } from "@/lib/http/action-state";

const COMMISSION_RULE_HELP =
  "Each entry is floor(amount × rate ÷ 10,000) in the order's currency; level 1 uses the offering's own rate when set, else the default. The three levels together may pay at most 10,000 bps (100 %) of an order.";

const HOLD_HELP =
  "The hold is never shorter than the refund window, so an entry cannot be paid out before a refund could reverse it. Entries flagged as a possible self-referral stay held until you approve them.";

const rateFields = [
  { name: "defaultRateBps", label: "Default rate (basis points)", who: "the referrer (level 1)" },
  { name: "level2RateBps", label: "Level 2 rate (basis points)", who: "the referrer's referrer" },
  { name: "level3RateBps", label: "Level 3 rate (basis points)", who: "the next one up" },
] as const;

/** Settings → Commissions: the rates per level and the hold period. */
export function CommissionRulesForm({
  action,
  rules,
}: {
  action: FormAction;
  rules: CommissionRules;
}) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action);
  const value = (name: keyof CommissionRules) =>
    state.status === "error" && state.values?.[name] !== undefined
      ? state.values[name]
      : String(rules[name]);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-5" noValidate>
      <p className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
        {COMMISSION_RULE_HELP}
      </p>
      <p className="text-sm text-slate-600">{HOLD_HELP}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        {rateFields.map((field) => (
          <Field
            key={field.name}
            label={field.label}
            name={field.name}
            inputMode="numeric"
            required
            defaultValue={value(field.name)}
            error={fieldError(field.name)}
            hint={`For ${field.who}. 100 bps = 1%; 0 pays nothing.`}
          />
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Refund window (days)"
          name="refundWindowDays"
          inputMode="numeric"
          required
          defaultValue={value("refundWindowDays")}
          error={fieldError("refundWindowDays")}
          hint="How long after a payment you still refund it. A refund reverses its entries."
        />
        <Field
          label="Hold days"
          name="holdDays"
          inputMode="numeric"
          required
          defaultValue={value("holdDays")}
          error={fieldError("holdDays")}
          hint="An entry counts as earned, and can be paid, this many days after its payment. Never shorter than the refund window."
        />
      </div>
      <SubmitButton pendingText="Saving…">Save rules</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
