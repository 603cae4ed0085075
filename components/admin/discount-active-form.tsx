"use client";

import type { FormAction } from "@/lib/http/action-state";
import { useFormAction } from "@/components/admin/use-form-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** Turns a promotion code off (it can no longer be typed at checkout) or on again. */
export function DiscountActiveForm({
  action,
  discountId,
  active,
}: {
  action: FormAction;
  discountId: string;
  active: boolean;
}) {
  const { state, formAction, onSubmit } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex items-center gap-2">
      <input type="hidden" name="discountId" value={discountId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <SubmitButton variant="secondary" pendingText={active ? "Turning off…" : "Turning on…"}>
        {active ? "Turn off" : "Turn on"}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
