/**
 * What makes commission rules unsafe to save, as messages per form field: levels that together
 * pay more than the order (with the default rate, or with any offering's own level-1 rate), and
 * a hold shorter than the refund window (an entry could be paid out before its refund reverses
 * it). Thrown as 422 `validation_failed` with `details.fields` naming each field.
 */
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_TOTAL_RATE_BPS, type CommissionRules } from "@/lib/commissions/commission-rules";

export type FieldProblems = Record<string, string>;

const percent = (bps: number) => `${(bps / 100).toLocaleString("en-US")} %`;

/** The problems of these rules, given the highest level-1 rate an offering sets (0 if none). */
export function commissionRulesProblems(
  rules: CommissionRules,
  highestOfferingRateBps = 0,
): FieldProblems {
  const problems: FieldProblems = {};
  const upline = rules.level2RateBps + rules.level3RateBps;
  const withDefault = rules.defaultRateBps + upline;
  if (withDefault > MAX_TOTAL_RATE_BPS) {
    const message = `The three levels add up to ${withDefault.toLocaleString("en-US")} bps (${percent(withDefault)}); together they may pay at most 10,000 bps (100 %) of an order.`;
    for (const field of ["defaultRateBps", "level2RateBps", "level3RateBps"]) {
      problems[field] = message;
    }
  } else if (highestOfferingRateBps + upline > MAX_TOTAL_RATE_BPS) {
    const total = highestOfferingRateBps + upline;
    const message = `An offering's own rate of ${highestOfferingRateBps.toLocaleString("en-US")} bps plus levels 2 and 3 adds up to ${total.toLocaleString("en-US")} bps; together they may pay at most 10,000 bps (100 %) of an order.`;
    problems.level2RateBps = message;
    problems.level3RateBps = message;
  }
  if (rules.holdDays < rules.refundWindowDays) {
    problems.holdDays = `The hold must be at least the refund window (${rules.refundWindowDays} days), so no entry is paid before its refund could reverse it.`;
  }
  return problems;
}

/** A 422 naming each field, or nothing when there is no problem. */
export function throwIfProblems(problems: FieldProblems, message: string): void {
  const fields = Object.keys(problems);
  if (fields.length === 0) return;
  throw new AppError("validation_failed", message, { fields: problems });
}

/** The highest level-1 rate any offering sets for itself (archived ones too: they can return). */
export async function highestOfferingRateBps(tx: Pick<Tx, "offering">): Promise<number> {
  const { _max } = await tx.offering.aggregate({ _max: { commissionRateBps: true } });
  return _max.commissionRateBps ?? 0;
}

/**
 * An offering's own rate must leave room for levels 2 and 3 within 100 %. A rate of 0 means
 * "the default rate", which the rules themselves are checked with.
 */
export function offeringRateProblems(
  offeringRateBps: number,
  rules: Pick<CommissionRules, "level2RateBps" | "level3RateBps">,
): FieldProblems {
  const total = offeringRateBps + rules.level2RateBps + rules.level3RateBps;
  if (offeringRateBps === 0 || total <= MAX_TOTAL_RATE_BPS) return {};
  return {
    commissionRateBps: `With levels 2 and 3 (${(rules.level2RateBps + rules.level3RateBps).toLocaleString("en-US")} bps), this rate makes ${total.toLocaleString("en-US")} bps; together they may pay at most 10,000 bps (100 %) of an order.`,
  };
}
