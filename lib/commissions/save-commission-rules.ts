import { db } from "@/lib/db";
import {
  COMMISSION_RULES_KEY,
  commissionRules,
  type CommissionRules,
} from "@/lib/commissions/commission-rules";
import { recordAudit } from "@/lib/audit/record-audit";
import {
  commissionRulesProblems,
  highestOfferingRateBps,
  throwIfProblems,
} from "@/lib/commissions/check-commission-rules";

export type SaveCommissionRulesOptions = { rules: CommissionRules; adminId: string };

/**
 * Settings → Commissions: saves the rules and writes who changed what (old → new) to the audit
 * trail, in one transaction. The setting row is locked while it is read, so two admins saving
 * at once each record the value they really replaced. Saving the same values writes nothing.
 * Rules whose levels pay more than 100 % of an order, or whose hold is shorter than the refund
 * window, are refused with 422 naming the fields.
 */
export async function saveCommissionRules({ rules, adminId }: SaveCommissionRulesOptions) {
  const next = commissionRules.parse(rules);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${COMMISSION_RULES_KEY}, '{}'::jsonb, now())
      ON CONFLICT (key) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ value: unknown }[]>`
      SELECT value FROM "Setting" WHERE key = ${COMMISSION_RULES_KEY} FOR UPDATE`;
    throwIfProblems(
      commissionRulesProblems(next, await highestOfferingRateBps(tx)),
      "These commission rules cannot be saved.",
    );
    const previous = commissionRules.parse(row?.value ?? {});
    const changed = (Object.keys(next) as (keyof CommissionRules)[]).filter(
      (key) => previous[key] !== next[key],
    );
    if (changed.length === 0) return { rules: next, changed };
    await tx.setting.update({
      where: { key: COMMISSION_RULES_KEY },
      data: { value: next, updatedBy: adminId },
    });
    await recordAudit(tx, {
      actorId: adminId,
      action: "commission_rules.update",
      subject: COMMISSION_RULES_KEY,
      details: { old: previous, new: next },
    });
    return { rules: next, changed };
  });
}
