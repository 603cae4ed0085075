import type { ReactNode } from "react";

const tones: Record<string, string> = {
  paid: "bg-emerald-50 text-emerald-900",
  pending: "bg-amber-50 text-amber-900",
};

/** The box a payment's status is shown in; `status` is the word tests read from data-status. */
export function StatusPanel({ status, children }: { status?: string; children: ReactNode }) {
  const tone = status ? (tones[status] ?? "bg-rose-50 text-rose-900") : "bg-slate-100";
  return (
    <div
      role="status"
      data-testid="payment-status"
      data-status={status}
      className={`space-y-2 rounded-md px-4 py-3 text-sm ${tone}`}
    >
      {children}
    </div>
  );
}
