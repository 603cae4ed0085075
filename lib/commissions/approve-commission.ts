import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type ApproveCommissionOptions = { commissionId: string; adminId: string };

type LockedEntry = {
  id: string;
  status: string;
  amount: number;
  currency: string;
  reviewFlags: string[];
  approvedAt: Date | null;
};

/**
 * An admin approves an entry held as a possible self-referral: from then on it is earned after
 * the hold period like any other. The row is locked, so a refund at the same moment waits; only
 * a flagged, pending entry can be approved, once, and the audit trail says who did it.
 */
export async function approveCommission({ commissionId, adminId }: ApproveCommissionOptions) {
  return db.$transaction(async (tx) => {
    const [entry] = await tx.$queryRaw<LockedEntry[]>`
      SELECT id, status::text AS status, amount, currency, "reviewFlags", "approvedAt"
      FROM "Commission" WHERE id = ${commissionId} FOR UPDATE`;
    if (!entry) throw new AppError("not_found", "No commission entry has this id.");
    if (entry.reviewFlags.length === 0) {
      throw new AppError("conflict", "This entry is not held for review: nothing to approve.");
    }
    if (entry.approvedAt) return { approved: false as const, approvedAt: entry.approvedAt };
    if (entry.status !== "PENDING") {
      throw new AppError("conflict", "Only a pending entry can be approved; this one is not.");
    }
    const approvedAt = new Date();
    await tx.commission.update({
      where: { id: entry.id },
      data: { approvedAt, approvedById: adminId },
    });
    await recordAudit(tx, {
      actorId: adminId,
      action: "commission.approve",
      subject: entry.id,
      details: { amount: entry.amount, currency: entry.currency, flags: entry.reviewFlags },
    });
    return { approved: true as const, approvedAt };
  });
}
