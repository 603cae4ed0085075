import { planLabel, type AccessOverview } from "@/lib/access/get-access-overview";

/**
 * What the user has: "Pro plan" while a subscription is active or trialing, "Pro · past due"
 * while a failing renewal's paid period lasts, else how many purchases give access, else "Free plan".
 */
export function PlanBadge({ access }: { access: AccessOverview }) {
  const tone =
    access.plan === "pro"
      ? "bg-indigo-600 text-white"
      : access.purchasesWithAccess > 0
        ? "bg-indigo-50 text-indigo-800 ring-1 ring-indigo-200"
        : "bg-slate-100 text-slate-700 ring-1 ring-slate-300";
  return (
    <span
      data-testid="plan-badge"
      data-plan={access.plan}
      className={`inline-flex rounded-full px-3 py-1 text-sm font-semibold ${tone}`}
    >
      {planLabel(access)}
    </span>
  );
}
