import { formatMoney, pricingLabel } from "@/lib/format";

type Props = {
  priceAmount: number;
  currency: string;
  pricingType: "ONE_TIME" | "MONTHLY" | "YEARLY";
  accessDurationDays?: number | null;
};

export function PriceTag({ priceAmount, currency, pricingType, accessDurationDays }: Props) {
  const period = pricingType === "MONTHLY" ? " / month" : pricingType === "YEARLY" ? " / year" : "";
  return (
    <p className="flex flex-wrap items-baseline gap-x-2">
      <span className="text-xl font-bold" data-testid="price">
        {formatMoney(priceAmount, currency)}
        {period}
      </span>
      <span className="text-xs uppercase tracking-wide text-slate-500">{pricingLabel(pricingType)}</span>
      {accessDurationDays ? (
        <span className="text-xs text-slate-500">· {accessDurationDays} days of access</span>
      ) : null}
    </p>
  );
}
