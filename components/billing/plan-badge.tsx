/** The user's plan: "pro" while a subscription is active or trialing. */
export function PlanBadge({ plan }: { plan: "pro" | "free" }) {
  const tone =
    plan === "pro"
      ? "bg-indigo-600 text-white"
      : "bg-slate-100 text-slate-700 ring-1 ring-slate-300";
  return (
    <span
      data-testid="plan-badge"
      data-plan={plan}
      className={`inline-flex rounded-full px-3 py-1 text-sm font-semibold ${tone}`}
    >
      {plan === "pro" ? "Pro plan" : "Free plan"}
    </span>
  );
}
