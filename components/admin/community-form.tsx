"use client";

import type { FormAction } from "@/lib/http/action-state";
import { useFormAction } from "@/components/admin/use-form-action";
import { Field as InputField, TextAreaField as TextAreaInput } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export type CommunityFormValues = {
  id: string;
  name: string;
  description: string;
  content: string;
};

/** A community's name, description and the content only its members can read. */
/** `action` creates a community, or updates `community` when it is given. */
export function CommunityForm({
  action,
  community,
}: {
  action: FormAction;
  community?: CommunityFormValues;
}) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: !community,
  });
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {community ? <input type="hidden" name="communityId" value={community.id} /> : null}
      <InputField
        label="Name"
        name="name"
        defaultValue={community?.name}
        error={fieldError("name")}
      />
      <TextAreaInput
        label="Description"
        name="description"
        rows={2}
        defaultValue={community?.description}
        error={fieldError("description")}
      />
      <TextAreaInput
        label="Gated content"
        name="content"
        rows={6}
        defaultValue={community?.content}
        hint="Shown only to people whose purchase grants this community. Plain text."
        error={fieldError("content")}
      />
      <FormMessage state={state} />
      <SubmitButton pendingText={community ? "Saving…" : "Creating…"}>
        {community ? "Save changes" : "Create community"}
      </SubmitButton>
    </form>
  );
}
