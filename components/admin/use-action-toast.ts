"use client";

import { useCallback } from "react";
import { toast } from "sonner";
import type { ActionState, FormAction } from "@/lib/http/action-state";

/** The answer of an action as a toast: its message, green on success, red on error. */
export function showActionToast(state: ActionState) {
  if (state.status === "success") toast.success(state.message);
  else if (state.status === "error") toast.error(state.message);
}

/**
 * The action, announcing each answer with a toast as soon as it arrives. Announcing here rather
 * than in an effect on the state matters when the answer removes the form itself (a refunded
 * row loses its Refund button): its component is gone before any effect could run.
 */
export function useToastingAction(action: FormAction): FormAction {
  return useCallback(
    async (previous: ActionState, formData: FormData) => {
      const next = await action(previous, formData);
      showActionToast(next);
      return next;
    },
    [action],
  );
}
