import { z } from "zod";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";

const rate = z.coerce.number().int("Whole basis points only").min(0).max(10_000);

/** The three levels together never pay more than the order: 100 %. */
export const MAX_TOTAL_RATE_BPS = 10_000;

/**
 * Settings → Commissions. Level 1 is the referrer (the offering's own rate when it has one, else
 * the default rate); levels 2 and 3 are the referrer's referrer and theirs. Each entry is
 * floor(amount × rate / 10000), in the order's minor units, and the levels together pay at most
 * 10,000 bps (check-commission-rules.ts). Entries become earned after the hold period, which is
 * never shorter than the refund window the admin states (a refund inside it reverses the entry).
 */
export const commissionRules = z.object({
  defaultRateBps: rate.default(0),
  level2RateBps: rate.default(0),
  level3RateBps: rate.default(0),
  holdDays: z.coerce.number().int().min(0).max(365).default(14),
  refundWindowDays: z.coerce.number().int().min(0).max(365).default(14),
});

export type CommissionRules = z.infer<typeof commissionRules>;

export const COMMISSION_RULES_KEY = "commissions";

export async function getCommissionRules(
  client: Pick<Tx, "setting"> = db,
): Promise<CommissionRules> {
  const row = await client.setting.findUnique({ where: { key: COMMISSION_RULES_KEY } });
  return commissionRules.parse(row?.value ?? {});
}

/**
 * The rate for each level, 1 to 3, for an order of this offering. Saving refuses rules whose
 * levels sum past 100 %; rules saved before that check are capped here, level by level, so the
 * entries of one order never add up to more than the order.
 */
export function levelRates(rules: CommissionRules, offeringRateBps: number): number[] {
  const wanted = [
    offeringRateBps > 0 ? offeringRateBps : rules.defaultRateBps,
    rules.level2RateBps,
    rules.level3RateBps,
  ];
  let left = MAX_TOTAL_RATE_BPS;
  return wanted.map((rateBps) => {
    const capped = Math.min(rateBps, left);
    left -= capped;
    return capped;
  });
}

/** floor(amount × rate / 10000): never more than the rate allows, in whole minor units. */
export function commissionAmount(amount: number, rateBps: number): number {
  return Math.floor((amount * rateBps) / 10_000);
}

/** PENDING entries older than the hold period count as earned (read at query time, like expiry). */
export function earnedBefore(rules: Pick<CommissionRules, "holdDays">, now = new Date()): Date {
  return new Date(now.getTime() - rules.holdDays * 86_400_000);
}
