/** What a form's server action answers; safe to import from client components. */
import type { ErrorCode } from "@/lib/errors";

export type ActionState =
  | { status: "idle" }
  | { status: "success"; message: string; data?: Record<string, string | null> }
  | {
      status: "error";
      error: ErrorCode;
      message: string;
      fieldErrors?: Record<string, string>;
      data?: Record<string, string | null>;
      /**
       * The submitted fields the action was told to keep (never a password), so the form can
       * show them again: React resets a form after its action, whatever the outcome.
       */
      values?: Record<string, string>;
    };

export const idleState: ActionState = { status: "idle" };

/** A form's server action, handed down by the page so that components never import from app/. */
export type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;
