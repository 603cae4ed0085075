import { z } from "zod";
import { db } from "@/lib/db";
import { commissionRules, type CommissionRules } from "@/lib/commissions/commission-rules";
import {
  selfReferralFlagLabels,
  type SelfReferralFlag,
} from "@/lib/commissions/self-referral-flags";
import { formatMoney } from "@/lib/money";

export type ListCommissionChangesOptions = { limit?: number };

const ruleNames: Record<keyof CommissionRules, string> = {
  defaultRateBps: "default rate",
  level2RateBps: "level 2 rate",
  level3RateBps: "level 3 rate",
  holdDays: "hold days",
  refundWindowDays: "refund window days",
};

const rulesChange = z.object({ old: commissionRules, new: commissionRules });
const payoutDetails = z.object({
  reference: z.string(),
  total: z.number(),
  currency: z.string(),
  commissionIds: z.array(z.string()),
});

const flagLabel = (flag: string) =>
  flag in selfReferralFlagLabels ? selfReferralFlagLabels[flag as SelfReferralFlag] : flag;

const approvalDetails = z.object({
  amount: z.number(),
  currency: z.string(),
  flags: z.array(z.string()),
});

/** One line a person can read for an audit entry of the commission ledger or its rules. */
export function describeCommissionChange(action: string, details: unknown): string {
  if (action === "commission_rules.update") {
    const parsed = rulesChange.safeParse(details);
    if (!parsed.success) return "Changed the commission rules";
    const { old: before, new: after } = parsed.data;
    const changes = (Object.keys(ruleNames) as (keyof CommissionRules)[])
      .filter((key) => before[key] !== after[key])
      .map((key) => `${ruleNames[key]} ${before[key]} → ${after[key]}`);
    return `Changed the commission rules: ${changes.join(", ") || "no change"}`;
  }
  if (action === "commissions.mark_paid") {
    const parsed = payoutDetails.safeParse(details);
    if (!parsed.success) return "Marked entries paid";
    const { reference, total, currency, commissionIds } = parsed.data;
    const count = `${commissionIds.length} ${commissionIds.length === 1 ? "entry" : "entries"}`;
    return `Marked ${count} paid: ${formatMoney(total, currency)}, reference “${reference}”`;
  }
  if (action === "commission.approve") {
    const parsed = approvalDetails.safeParse(details);
    if (!parsed.success) return "Approved a held commission entry";
    const { amount, currency, flags } = parsed.data;
    return `Approved a commission of ${formatMoney(amount, currency)} held as a possible self-referral (${flags.map(flagLabel).join(", ")})`;
  }
  return action;
}

/**
 * The audit actions of the commission ledger and its rules. Named one by one, not by a prefix:
 * each is a range of the (action, createdAt) index, where LIKE 'commission%' is no index range
 * in a non-C collation and read the whole audit log to find none.
 */
export const commissionAuditActions = [
  "commission_rules.update",
  "commissions.mark_paid",
  "commission.approve",
] as const;

/** The newest changes to commissions and their rules (who, what, when), for the admin page. */
export async function listCommissionChanges({ limit = 20 }: ListCommissionChangesOptions = {}) {
  const entries = await db.auditEntry.findMany({
    where: { action: { in: [...commissionAuditActions] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, actorId: true, action: true, details: true, createdAt: true },
  });
  const actors = await db.user.findMany({
    where: { id: { in: [...new Set(entries.map((entry) => entry.actorId))] } },
    select: { id: true, email: true },
  });
  const emailById = new Map(actors.map((actor) => [actor.id, actor.email]));
  return entries.map((entry) => ({
    id: entry.id,
    actorEmail: emailById.get(entry.actorId) ?? "(deleted user)",
    action: entry.action,
    description: describeCommissionChange(entry.action, entry.details),
    createdAt: entry.createdAt,
  }));
}
