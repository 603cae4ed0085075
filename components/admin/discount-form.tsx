"use client";

import type { FormAction } from "@/lib/http/action-state";
import { useFormAction } from "@/components/admin/use-form-action";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

type OfferingChoice = { id: string; name: string; channel: string };

/**
 * A new promotion code: the code, percent or amount off, how long it lasts on a subscription,
 * an optional cap and expiry, and the offerings it is limited to (none ticked: all of them).
 */
export function DiscountForm({
  action,
  offerings,
}: {
  action: FormAction;
  offerings: OfferingChoice[];
}) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: true,
  });
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Code"
          name="code"
          placeholder="SPRING20"
          autoComplete="off"
          hint="What buyers type; letters, digits, - and _. Not case-sensitive."
          error={fieldError("code")}
        />
        <SelectField label="Kind" name="kind" defaultValue="PERCENT" error={fieldError("kind")}>
          <option value="PERCENT">Percent off</option>
          <option value="AMOUNT">Amount off</option>
        </SelectField>
        <Field
          label="Percent off"
          name="percentOff"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          hint="For percent off: 1–100."
          error={fieldError("percentOff")}
        />
        <Field
          label="Amount off (cents)"
          name="amountOff"
          type="number"
          inputMode="numeric"
          min={1}
          hint="For amount off, in minor units."
          error={fieldError("amountOff")}
        />
        <Field
          label="Currency"
          name="currency"
          placeholder="usd"
          hint="For amount off: the code works only on offerings in this currency."
          error={fieldError("currency")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label="Duration"
          name="duration"
          defaultValue="ONCE"
          hint="On a subscription: the first payment, every payment, or some months."
          error={fieldError("duration")}
        >
          <option value="ONCE">Once</option>
          <option value="FOREVER">Forever</option>
          <option value="REPEATING">Several months</option>
        </SelectField>
        <Field
          label="Months"
          name="durationInMonths"
          type="number"
          inputMode="numeric"
          min={1}
          max={36}
          hint="For several months."
          error={fieldError("durationInMonths")}
        />
        <Field
          label="Max redemptions"
          name="maxRedemptions"
          type="number"
          inputMode="numeric"
          min={1}
          hint="Empty: no limit."
          error={fieldError("maxRedemptions")}
        />
        <Field
          label="Expires"
          name="expiresAt"
          type="date"
          hint="Empty: never. Ends at 00:00 UTC that day."
          error={fieldError("expiresAt")}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Limited to offerings</legend>
        <p className="text-xs text-slate-500">None ticked: every offering.</p>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {offerings.map((offering) => (
            <label key={offering.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                name="offeringIds"
                value={offering.id}
                className="size-4 rounded border-slate-300"
              />
              {offering.name}
            </label>
          ))}
        </div>
        {fieldError("offeringIds") ? (
          <p className="text-xs text-rose-600">{fieldError("offeringIds")}</p>
        ) : null}
      </fieldset>
      <FormMessage state={state} />
      <SubmitButton pendingText="Creating…">Create promotion code</SubmitButton>
    </form>
  );
}
