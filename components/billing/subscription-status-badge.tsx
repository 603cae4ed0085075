import { subscriptionStatusLabel } from "@/components/billing/subscription-text";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";

const tones: Partial<Record<SubscriptionStatus, string>> = {
  active: "bg-emerald-100 text-emerald-800",
  trialing: "bg-sky-100 text-sky-800",
  past_due: "bg-amber-100 text-amber-800",
  unpaid: "bg-rose-100 text-rose-800",
  incomplete: "bg-amber-100 text-amber-800",
};

/** A subscription's status in plain words ("Past due"), coloured by what it means. */
export function SubscriptionStatusBadge({ status }: { status: SubscriptionStatus }) {
  return (
    <span
      data-status={status}
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${tones[status] ?? "bg-slate-200 text-slate-700"}`}
    >
      {subscriptionStatusLabel(status)}
    </span>
  );
}
