import { db } from "@/lib/db";
import { getCommissionRules } from "@/lib/commissions/commission-rules";

export type ReferralTerms = {
  /** What a referral link earns on an offering without a rate of its own. */
  defaultRateBps: number;
  /** Offerings in the catalog with their own level-1 rate (above 0), by name. */
  offeringRates: { name: string; rateBps: number }[];
  /** Nothing bought through a link earns its referrer anything (a fresh install: all rates 0). */
  earnsNothing: boolean;
};

/**
 * What a referral link earns today, so that neither the referrer nor the admin is shown a link
 * that pays nothing as if it did. A fresh install has a default rate of 0 bps.
 */
export async function getReferralTerms(): Promise<ReferralTerms> {
  const [rules, offerings] = await Promise.all([
    getCommissionRules(),
    db.offering.findMany({
      where: { archivedAt: null, commissionRateBps: { gt: 0 } },
      orderBy: { name: "asc" },
      select: { name: true, commissionRateBps: true },
    }),
  ]);
  const offeringRates = offerings.map(({ name, commissionRateBps }) => ({
    name,
    rateBps: commissionRateBps,
  }));
  return {
    defaultRateBps: rules.defaultRateBps,
    offeringRates,
    earnsNothing: rules.defaultRateBps === 0 && offeringRates.length === 0,
  };
}

/** "10 %", "2.5 %": basis points as people read them. */
export function formatRate(rateBps: number): string {
  return `${(rateBps / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })} %`;
}
