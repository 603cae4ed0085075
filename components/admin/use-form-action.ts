"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { useToastingAction } from "@/components/admin/use-action-toast";
import { idleState, type ActionState } from "@/lib/http/action-state";

export type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * `useActionState` for admin forms. React resets uncontrolled fields after every form action;
 * submitting through a transition instead keeps what the admin typed when the server refuses it.
 * Every answer also shows as a toast, so the outcome is seen even when the form's own message
 * is out of view or the form is gone; that wrapper is a client function, so the forms post once
 * the page's JavaScript has loaded.
 */
export function useFormAction(action: FormAction, { resetOnSuccess = false } = {}) {
  const [state, formAction, pending] = useActionState(useToastingAction(action), idleState);
  const formRef = useRef<HTMLFormElement>(null);

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
