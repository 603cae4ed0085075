import { formatMoney } from "@/lib/format";

type Props = {
  priceAmount: number;
  currency: string;
  pricingType: "ONE_TIME" | "MONTHLY" | "YEARLY";
  accessDurationDays?: number | null;
  trialDays?: number | null;
};

/** The period is said once, beside the amount: "$45.00 / year", "$49.00 one-time". */
const periods = { ONE_TIME: "one-time", MONTHLY: "/ month", YEARLY: "/ year" } as const;

export function PriceTag({
  priceAmount,
  currency,
  pricingType,
  accessDurationDays,
  trialDays,
}: Props) {
  return (
    <div className="space-y-0.5">
      <p className="text-xl font-bold" data-testid="price">
        {formatMoney(priceAmount, currency)}{" "}
        <span className="text-base font-medium text-slate-600">{periods[pricingType]}</span>
      </p>
      {trialDays && pricingType !== "ONE_TIME" ? (
        <p className="text-sm font-medium text-emerald-700" data-testid="trial-offer">
          {trialDays}-day free trial
        </p>
      ) : null}
      {accessDurationDays ? (
        <p className="text-xs text-slate-500" data-testid="access-duration">
          {accessDurationDays} days of access
        </p>
      ) : null}
    </div>
  );
}
