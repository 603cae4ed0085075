import { db } from "@/lib/db";
import { earnedBefore, getCommissionRules } from "@/lib/commissions/commission-rules";
import { ledgerStatus, ledgerStatusLabels } from "@/lib/commissions/ledger-status";
import { AppError } from "@/lib/errors";
import { Prisma, type CommissionStatus } from "@/lib/generated/prisma/client";
import { formatMoney } from "@/lib/money";
import { recordAudit } from "@/lib/audit/record-audit";

export type MarkCommissionsPaidOptions = {
  commissionIds: string[];
  reference: string;
  adminId: string;
};

type LockedEntry = {
  id: string;
  status: CommissionStatus;
  amount: number;
  currency: string;
  createdAt: Date;
  reviewFlags: string[];
  approvedAt: Date | null;
};

/**
 * An admin records a payout: the selected entries, all earned now (pending and past the hold
 * period) and in one currency, become PAID under one Payout with their total, and the audit
 * trail says who did it. The rows are locked first, so a refund or a second admin acting at the
 * same moment waits and then sees the new state. Any entry that is not earned refuses the whole
 * payout (409) and nothing changes.
 */
export async function markCommissionsPaid({
  commissionIds,
  reference,
  adminId,
}: MarkCommissionsPaidOptions) {
  const ids = [...new Set(commissionIds)];
  if (ids.length === 0) throw new AppError("validation_failed", "Select at least one entry.");
  return db.$transaction(async (tx) => {
    const entries = await tx.$queryRaw<LockedEntry[]>`
      SELECT id, status, amount, currency, "createdAt", "reviewFlags", "approvedAt" FROM "Commission"
      WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR UPDATE`;
    if (entries.length !== ids.length) {
      throw new AppError("not_found", "Some selected entries do not exist.", {
        missing: ids.filter((id) => !entries.some((entry) => entry.id === id)),
      });
    }
    const earnedCutoff = earnedBefore(await getCommissionRules(tx));
    const notEarned = entries.filter((entry) => ledgerStatus(entry, earnedCutoff) !== "earned");
    if (notEarned.length > 0) {
      const shown = notEarned.map((entry) => ledgerStatusLabels[ledgerStatus(entry, earnedCutoff)]);
      throw new AppError(
        "conflict",
        `${notEarned.length} of the selected entries ${notEarned.length === 1 ? "is" : "are"} not earned (${[...new Set(shown)].join(", ").toLowerCase()}); nothing was marked paid.`,
        { notEarned: notEarned.map((entry) => entry.id) },
      );
    }
    const currencies = [...new Set(entries.map((entry) => entry.currency))];
    if (currencies.length > 1) {
      throw new AppError(
        "validation_failed",
        `The selected entries are in ${currencies.map((code) => code.toUpperCase()).join(" and ")}; a payout is in one currency, so mark each currency paid separately.`,
        { currencies },
      );
    }
    const [currency] = currencies;
    const total = entries.reduce((sum, entry) => sum + entry.amount, 0);
    if (total <= 0) {
      throw new AppError(
        "validation_failed",
        `The selected entries add up to ${formatMoney(total, currency)}; a payout must be more than zero.`,
      );
    }
    const payout = await tx.payout.create({
      data: { reference, adminId, total, currency },
      select: { id: true, reference: true, total: true, currency: true, createdAt: true },
    });
    await tx.commission.updateMany({
      where: { id: { in: ids } },
      data: { status: "PAID", payoutId: payout.id },
    });
    await recordAudit(tx, {
      actorId: adminId,
      action: "commissions.mark_paid",
      subject: payout.id,
      details: { reference, total, currency, commissionIds: ids },
    });
    return { ...payout, commissionIds: ids };
  });
}
