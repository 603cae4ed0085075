"use client";

import Link from "next/link";
import { useFormAction } from "@/components/admin/use-form-action";
import { SecretOnce } from "@/components/admin/webhooks/secret-once";
import { Field, TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/http/action-state";
import { outboxEventTypes } from "@/lib/outbox/event-types";

export type EndpointFormValues = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
};

/**
 * An endpoint's URL, description and event filter (none ticked: every type). Creating also sets
 * it on or off, and answers with the signing secret, shown here once.
 */
export function EndpointForm({
  action,
  endpoint,
}: {
  action: FormAction;
  endpoint?: EndpointFormValues;
}) {
  const { state, formAction, onSubmit, formRef, fieldError } = useFormAction(action, {
    resetOnSuccess: !endpoint,
  });
  const kept = state.status === "error" ? state.values : undefined;
  const selected = new Set(endpoint?.eventTypes ?? []);
  const secret = state.status === "success" ? state.data?.secret : undefined;
  const createdId = state.status === "success" ? state.data?.endpointId : undefined;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {endpoint ? <input type="hidden" name="endpointId" value={endpoint.id} /> : null}
      <Field
        label="Endpoint URL"
        name="url"
        type="url"
        placeholder="https://"
        defaultValue={kept?.url ?? endpoint?.url}
        hint="Where we POST each event. https, to a public address."
        error={fieldError("url")}
      />
      <TextAreaField
        label="Description"
        name="description"
        rows={2}
        defaultValue={kept?.description ?? endpoint?.description}
        error={fieldError("description")}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <p className="text-xs text-slate-500">Tick none to receive every event type.</p>
        <div className="grid gap-2 sm:grid-cols-3">
          {outboxEventTypes.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                name="eventTypes"
                value={type}
                defaultChecked={selected.has(type)}
                className="size-4 rounded border-slate-300"
              />
              <code>{type}</code>
            </label>
          ))}
        </div>
        {fieldError("eventTypes") ? (
          <p className="text-xs text-rose-600">{fieldError("eventTypes")}</p>
        ) : null}
      </fieldset>
      {endpoint ? null : (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="enabled"
            defaultChecked
            className="size-4 rounded border-slate-300"
          />
          Enabled: send events to it from now on
        </label>
      )}
      <FormMessage state={state} />
      {secret ? (
        <SecretOnce secret={secret}>
          {createdId ? (
            <Link href={`/admin/webhooks/${createdId}`} className="text-indigo-700 underline">
              Open the endpoint
            </Link>
          ) : null}
        </SecretOnce>
      ) : null}
      <SubmitButton pendingText={endpoint ? "Saving…" : "Adding…"}>
        {endpoint ? "Save changes" : "Add endpoint"}
      </SubmitButton>
    </form>
  );
}
