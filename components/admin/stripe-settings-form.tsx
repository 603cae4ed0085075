"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";
import type { StripeSettingView } from "@/lib/settings/get-stripe-integration";
import type { StripeSettingField } from "@/lib/settings/schemas";

type StripeSettingsFormProps = {
  fields: Record<StripeSettingField, StripeSettingView>;
  action: FormAction;
};

const inputs: { name: StripeSettingField; label: string; placeholder: string; hint: string }[] = [
  {
    name: "webhookSecret",
    label: "Webhook signing secret",
    placeholder: "whsec_…",
    hint: "Stripe → Developers → Webhooks → your endpoint → Signing secret.",
  },
  {
    name: "secretKey",
    label: "Secret key",
    placeholder: "sk_live_…, sk_test_… or rk_…",
    hint: "Stripe → Developers → API keys. A restricted key (rk_…) works too.",
  },
  {
    name: "publishableKey",
    label: "Publishable key",
    placeholder: "pk_live_… or pk_test_…",
    hint: "Loads Stripe's payment form on the checkout page.",
  },
];

/** Where a value comes from, and its last 4 characters: the page never holds a whole value. */
function settingStatus({ source, masked }: StripeSettingView): string {
  if (source === "database") return `Saved: ${masked}`;
  if (source === "environment") return `From environment: ${masked}`;
  return "Not set";
}

/**
 * Write-only fields: an empty field keeps what is saved, "Remove" falls back to the environment.
 * The inputs empty once saved; what is in effect shows masked beside each.
 */
export function StripeSettingsForm({ fields, action }: StripeSettingsFormProps) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: true,
  });
  const overlap = state.status === "error" ? state.values?.overlapHours : undefined;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-5">
      {inputs.map((input) => (
        <div key={input.name} className="space-y-2">
          <Field
            label={input.label}
            name={input.name}
            type="password"
            autoComplete="off"
            placeholder={input.placeholder}
            error={fieldError(input.name)}
            hint={input.hint}
          />
          <p className="text-sm text-slate-700">
            In effect:{" "}
            <strong data-testid={`stripe-${input.name}-status`}>
              {settingStatus(fields[input.name])}
            </strong>
          </p>
          {fields[input.name].source === "database" ? (
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="remove"
                value={input.name}
                className="size-4 rounded border-slate-300"
              />
              Remove the saved {input.label.toLowerCase()}
            </label>
          ) : null}
        </div>
      ))}
      <Field
        key={overlap ?? "default"}
        label="Keep the previous signing secret valid for (hours)"
        name="overlapHours"
        type="number"
        min={0}
        max={72}
        step={1}
        defaultValue={overlap ?? "24"}
        error={fieldError("overlapHours")}
        hint="When the signing secret changes, events signed with the one it replaces are still accepted this long (0 to 72; Stripe's own roll keeps it up to 24 hours)."
      />
      <SubmitButton pendingText="Saving…">Save Stripe settings</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
