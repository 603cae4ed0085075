"use client";

import { useEffect } from "react";
import { toast } from "sonner";
import type { ActionState } from "@/lib/http/action-state";

/**
 * A toast each time an action answers: its message, green on success, red on error. Every
 * answer is a new state object, so the same message twice shows twice; the idle state before
 * the first submit shows nothing.
 */
export function useActionToast(state: ActionState) {
  useEffect(() => {
    if (state.status === "success") toast.success(state.message);
    else if (state.status === "error") toast.error(state.message);
  }, [state]);
}
