import type { ActionState } from "@/lib/http/action-state";

/** A form's server action, handed down by the page so that components never import from app/. */
export type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;
