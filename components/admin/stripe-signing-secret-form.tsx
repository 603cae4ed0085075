"use client";

import { useState } from "react";
import { useFormAction } from "@/components/admin/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { FormAction } from "@/lib/http/action-state";

type StripeSigningSecretFormProps = { offeringId: string; isSet: boolean; action: FormAction };

/**
 * The signing secret of a Stripe webhook pointed at this offering's URL. It is write-only: the
 * page only says whether one is set, and the field empties once it is saved.
 */
export function StripeSigningSecretForm({
  offeringId,
  isSet,
  action,
}: StripeSigningSecretFormProps) {
  const { state, formAction, onSubmit, pending, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: true,
  });
  const [intent, setIntent] = useState<"save" | "remove">("save");
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="offeringId" value={offeringId} />
      <p className="text-sm text-slate-700">
        Status:{" "}
        <strong data-testid="stripe-signing-secret-status">{isSet ? "Set" : "Not set"}</strong>
      </p>
      <Field
        label="Stripe signing secret"
        name="signingSecret"
        type="password"
        autoComplete="off"
        placeholder="whsec_…"
        error={fieldError("signingSecret")}
        hint="From the Stripe dashboard: the webhook endpoint that posts to the URL above → Signing secret."
      />
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          name="intent"
          value="save"
          disabled={pending}
          aria-busy={pending && intent === "save"}
          onClick={() => setIntent("save")}
        >
          {pending && intent === "save" ? "Saving…" : "Save"}
        </Button>
        <Button
          type="submit"
          name="intent"
          value="remove"
          variant="secondary"
          disabled={pending || !isSet}
          aria-busy={pending && intent === "remove"}
          onClick={() => setIntent("remove")}
        >
          {pending && intent === "remove" ? "Removing…" : "Remove"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
