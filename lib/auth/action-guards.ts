/**
 * Form actions for signed-in callers: lib/http/action.ts's guarded action with the session check.
 */
import type { z } from "zod";
import { requireAdmin, requireUser, type SessionUser } from "@/lib/auth/session";
import { guardedAction, type ActionOptions } from "@/lib/http/action";

/** Signed-in users only: the form shows "unauthorized" otherwise. */
export function userAction<S extends z.ZodType>(options: ActionOptions<S, SessionUser>) {
  return guardedAction(requireUser, options);
}

/** Admins only: "unauthorized" signed out, "forbidden" signed in without the role. */
export function adminAction<S extends z.ZodType>(options: ActionOptions<S, SessionUser>) {
  return guardedAction(requireAdmin, options);
}
