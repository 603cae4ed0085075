import type { ActionState } from "@/lib/http/action-state";

/** The outcome of a form action, announced to screen readers. */
export function FormMessage({ state }: { state: ActionState }) {
  if (state.status === "idle") return null;
  const tone =
    state.status === "success" ? "bg-emerald-50 text-emerald-800" : "bg-rose-50 text-rose-800";
  return (
    <p
      role={state.status === "error" ? "alert" : "status"}
      className={`rounded-md px-3 py-2 text-sm ${tone}`}
    >
      {state.message}
    </p>
  );
}
