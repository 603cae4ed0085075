"use client";

import { useFormAction } from "@/components/admin/use-form-action";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";

type Community = { id: string; name: string };

type FieldError = (name: string) => string | undefined;

/** The community to act on and the reason, which both forms ask for the same way. */
function CommunityAndReason(props: {
  verb: "grant" | "revoke";
  communities: Community[];
  fieldError: FieldError;
}) {
  const { verb, communities, fieldError } = props;
  return (
    <>
      <SelectField
        label={`Community to ${verb}`}
        name="communityId"
        error={fieldError("communityId")}
        required
      >
        {communities.map((community) => (
          <option key={community.id} value={community.id}>
            {community.name}
          </option>
        ))}
      </SelectField>
      <Field
        label={verb === "grant" ? "Reason for granting" : "Reason for revoking"}
        name="reason"
        required
        minLength={3}
        maxLength={500}
        error={fieldError("reason")}
        hint="Kept on the access trail and the audit log."
      />
    </>
  );
}

type GrantProps = { action: FormAction; userId: string; communities: Community[] };

/** Gives the user a community by hand, with a required reason and an optional last day. */
export function GrantCommunityForm({ action, userId, communities }: GrantProps) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: true,
  });
  if (communities.length === 0)
    return <p className="text-sm text-slate-600">No communities yet.</p>;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <CommunityAndReason verb="grant" communities={communities} fieldError={fieldError} />
      <Field
        label="Access through (optional)"
        name="accessThrough"
        type="date"
        error={fieldError("accessThrough")}
        hint="Access ends after this day (UTC). Leave empty for no end."
      />
      <SubmitButton pendingText="Granting…">Grant access</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

type RevokeProps = { action: FormAction; userId: string; communities: Community[] };

/**
 * Takes a community away by hand: every active membership in it, purchased ones too. It asks
 * for a reason and an "I understand" tick first (the server checks both).
 */
export function RevokeCommunityForm({ action, userId, communities }: RevokeProps) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: true,
  });
  if (communities.length === 0)
    return <p className="text-sm text-slate-600">This user has no access to revoke.</p>;
  const confirmError = fieldError("confirm");
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <CommunityAndReason verb="revoke" communities={communities} fieldError={fieldError} />
      <div className="flex items-start gap-2 text-sm text-slate-700">
        <input
          id="revoke-confirm"
          type="checkbox"
          name="confirm"
          required
          aria-describedby="revoke-confirm-hint"
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600"
        />
        <div>
          <label htmlFor="revoke-confirm" className="font-medium">
            I understand
          </label>
          <p id="revoke-confirm-hint" className="text-xs text-slate-500">
            Access ends now, including access a purchase gave. Purchases are not refunded.
          </p>
          {confirmError ? <p className="text-xs text-rose-600">{confirmError}</p> : null}
        </div>
      </div>
      <SubmitButton variant="danger" pendingText="Revoking…">
        Revoke access
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
