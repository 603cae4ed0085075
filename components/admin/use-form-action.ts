"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { useActionToast } from "@/components/admin/use-action-toast";
import { idleState, type ActionState } from "@/lib/http/action-state";

export type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * `useActionState` for admin forms. React resets uncontrolled fields after every form action;
 * submitting through a transition instead keeps what the admin typed when the server refuses it.
 * The form still posts without JavaScript through `formAction`. Every answer also shows as a
 * toast, so the outcome is seen even when the form's own message is out of view.
 */
export function useFormAction(action: FormAction, { resetOnSuccess = false } = {}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const formRef = useRef<HTMLFormElement>(null);
  useActionToast(state);

  useEffect(() => {
    if (resetOnSuccess && state.status === "success") formRef.current?.reset();
  }, [resetOnSuccess, state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(formData));
  }

  const fieldError = (name: string) =>
    state.status === "error" ? state.fieldErrors?.[name] : undefined;

  return { state, formAction, pending, onSubmit, formRef, fieldError };
}
