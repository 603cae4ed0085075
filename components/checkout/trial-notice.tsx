import { formatDay } from "@/components/billing/subscription-text";
import { formatMoney } from "@/lib/format";
import type { OfferedTrial } from "@/lib/subscriptions/offered-trial";

type Props = {
  /** The offering's trial, in days (null: it has none). */
  trialDays: number | null;
  /** What this user gets, or null when they already had a trial of it. */
  offered: OfferedTrial | null;
  priceAmount: number;
  currency: string;
};

/** Before paying: the trial this checkout starts, or why it starts without one. */
export function TrialNotice({ trialDays, offered, priceAmount, currency }: Props) {
  if (!trialDays) return null;
  if (!offered) {
    return (
      <p className="text-sm text-slate-600" data-testid="trial-notice">
        You have already had a free trial of this offering, so the first payment is due today.
      </p>
    );
  }
  return (
    <p className="text-sm text-emerald-800" data-testid="trial-notice">
      Your {offered.days}-day free trial starts today. Your card is saved now and charged{" "}
      {formatMoney(priceAmount, currency)} when the trial ends, on {formatDay(offered.endsAt)},
      unless you cancel before then.
    </p>
  );
}
