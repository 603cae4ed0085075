const tones: Record<string, string> = {
  SUCCEEDED: "bg-emerald-100 text-emerald-800",
  PAID: "bg-emerald-100 text-emerald-800",
  PROCESSED: "bg-emerald-100 text-emerald-800",
  ACTIVE: "bg-emerald-100 text-emerald-800",
  PENDING: "bg-amber-100 text-amber-800",
  FAILED: "bg-rose-100 text-rose-800",
  REFUNDED: "bg-slate-200 text-slate-800",
  EXPIRED: "bg-slate-200 text-slate-700",
  ARCHIVED: "bg-slate-200 text-slate-700",
  ENABLED: "bg-emerald-100 text-emerald-800",
  DELIVERED: "bg-emerald-100 text-emerald-800",
  DEAD: "bg-rose-100 text-rose-800",
  DISABLED: "bg-slate-200 text-slate-700",
  CANCELED: "bg-slate-200 text-slate-700",
  USED_UP: "bg-slate-200 text-slate-700",
};

/** A status word, coloured by what it means for the person reading it. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${tones[status] ?? "bg-slate-100 text-slate-700"}`}
    >
      {status.toLowerCase().replace(/_/g, " ")}
    </span>
  );
}
