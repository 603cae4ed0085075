export { formatMoney } from "@/lib/money";

const pricingLabels = { ONE_TIME: "One-time", MONTHLY: "Monthly", YEARLY: "Yearly" } as const;

export function pricingLabel(type: keyof typeof pricingLabels): string {
  return pricingLabels[type];
}

export function formatDate(date: Date | null | undefined): string {
  if (!date) return "—";
  return (
    new Intl.DateTimeFormat("en-US", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "UTC",
    }).format(date) + " UTC"
  );
}
