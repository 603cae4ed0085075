import { formatRate, type ReferralTerms } from "@/lib/commissions/get-referral-terms";

/**
 * What a referral link earns, said plainly: a warning when it earns nothing (a fresh install's
 * rates are all 0), else the rate, and which offerings pay a rate of their own.
 */
export function ReferralTermsNotice({
  terms,
  audience,
}: {
  terms: ReferralTerms;
  audience: "referrer" | "admin";
}) {
  if (terms.earnsNothing) {
    return (
      <p
        role="status"
        data-testid="referral-terms"
        className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
      >
        {audience === "referrer"
          ? "Referral links earn nothing yet: no commission rate is set, so purchases through your link pay you no commission until an admin sets one. The link still records who you referred."
          : "Referral links earn nothing: the default rate is 0 bps and no offering sets a rate of its own. Set a default rate above 0 for referrers to earn."}
      </p>
    );
  }
  const own = terms.offeringRates.map(({ name, rateBps }) => `${name} (${formatRate(rateBps)})`);
  const byDefault =
    terms.defaultRateBps > 0
      ? `Your link earns ${formatRate(terms.defaultRateBps)} of what the people you refer pay`
      : "Your link earns a commission only on some offerings";
  return (
    <p data-testid="referral-terms" className="text-sm text-slate-600">
      {audience === "referrer"
        ? `${byDefault}${own.length > 0 ? `; these pay their own rate: ${own.join(", ")}` : ""}.`
        : terms.defaultRateBps > 0
          ? `Referral links earn ${formatRate(terms.defaultRateBps)} by default${own.length > 0 ? `; offerings with their own rate: ${own.join(", ")}` : ""}.`
          : `The default rate is 0 bps: referral links earn only on offerings with a rate of their own: ${own.join(", ")}.`}
    </p>
  );
}
