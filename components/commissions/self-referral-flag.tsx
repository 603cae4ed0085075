import {
  selfReferralFlagLabels,
  type SelfReferralFlag,
} from "@/lib/commissions/self-referral-flags";

/** "Possible self-referral: same card", on an entry whose two sides look like one person. */
export function SelfReferralFlag({ flags, approved }: { flags: string[]; approved: boolean }) {
  if (flags.length === 0) return null;
  const reasons = flags
    .map((flag) => selfReferralFlagLabels[flag as SelfReferralFlag] ?? flag)
    .join(", ");
  return (
    <span
      data-testid="self-referral-flag"
      className={`mt-1 block w-fit rounded px-1.5 py-0.5 text-xs font-medium ${approved ? "bg-slate-100 text-slate-700" : "bg-rose-100 text-rose-800"}`}
    >
      {approved ? "Approved" : "Held"}: possible self-referral ({reasons})
    </span>
  );
}
