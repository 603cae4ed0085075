/**
 * The one wrapper for server actions used with forms (`useActionState`): it checks who is
 * calling, parses the form with zod and turns errors into a state the form can show. Who may
 * call is the guard's business (lib/auth/action-guards.ts: userAction, adminAction), so this
 * kernel module knows no session.
 */
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { reportError } from "@/lib/errors";
import type { ActionState } from "@/lib/http/action-state";

export type { ActionState } from "@/lib/http/action-state";

export type ActionOptions<S extends z.ZodType, U> = {
  schema: S;
  /** Form fields that may repeat (checkboxes) and are always read as arrays. */
  arrayFields?: string[];
  /** Fields sent back with an error so the form can refill them; never a secret. */
  keepFields?: string[];
  run: (input: z.infer<S>, context: { user: U }) => Promise<ActionState | void>;
};

export function formToObject(
  formData: FormData,
  arrayFields: string[] = [],
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    object[key] = arrayFields.includes(key) ? formData.getAll(key) : formData.get(key);
  }
  for (const key of arrayFields) object[key] ??= [];
  return object;
}

function keptValues(formData: FormData, fields: string[]): Record<string, string> | undefined {
  if (fields.length === 0) return undefined;
  const values: Record<string, string> = {};
  for (const field of fields) {
    if (/password|secret/i.test(field)) continue; // a secret never goes back into the page
    const value = formData.get(field);
    if (typeof value === "string") values[field] = value;
  }
  return values;
}

/** A use case's 422 may name its fields (`details.fields`: field → message): the form shows them. */
function detailFieldErrors(details: Record<string, unknown>): Record<string, string> | undefined {
  const fields = details.fields;
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return undefined;
  const entries = Object.entries(fields).filter(([, value]) => typeof value === "string");
  return entries.length > 0 ? (Object.fromEntries(entries) as Record<string, string>) : undefined;
}

/** A form action that runs only once `authorize` says who is calling (it throws otherwise). */
export function guardedAction<S extends z.ZodType, U>(
  authorize: () => Promise<U>,
  { schema, arrayFields, keepFields = [], run }: ActionOptions<S, U>,
) {
  const answer = async (formData: FormData): Promise<ActionState> => {
    try {
      const user = await authorize();
      const parsed = schema.safeParse(formToObject(formData, arrayFields));
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues)
          fieldErrors[issue.path.join(".")] ??= issue.message;
        return {
          status: "error",
          error: "validation_failed",
          message: "Check the highlighted fields.",
          fieldErrors,
        };
      }
      return (await run(parsed.data, { user })) ?? { status: "success", message: "Saved." };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      const appError = reportError(error);
      const fieldErrors = detailFieldErrors(appError.details);
      return { status: "error", error: appError.code, message: appError.message, fieldErrors };
    }
  };
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const state = await answer(formData);
    const values = keptValues(formData, keepFields);
    return state.status === "error" && values ? { ...state, values } : state;
  };
}

/** For forms anyone may send (sign-in, sign-up). */
export function publicAction<S extends z.ZodType>(options: ActionOptions<S, null>) {
  return guardedAction(async () => null, options);
}
