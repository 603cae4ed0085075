/**
 * What a commission entry's status means to people. The database stores PENDING, PAID and
 * REVERSED; "earned" is a PENDING entry older than the hold period, decided at query time from
 * `earnedBefore(rules)` (never stored), so a change to the hold period applies at once. An
 * entry flagged as a possible self-referral stays pending, whatever its age, until an admin
 * approves it.
 */
import type { CommissionStatus, Prisma } from "@/lib/generated/prisma/client";

export const ledgerStatuses = ["pending", "earned", "paid", "reversed"] as const;
export type LedgerStatus = (typeof ledgerStatuses)[number];

export const ledgerStatusLabels: Record<LedgerStatus, string> = {
  pending: "Pending",
  earned: "Earned",
  paid: "Paid",
  reversed: "Reversed",
};

export type LedgerEntry = {
  status: CommissionStatus;
  createdAt: Date;
  reviewFlags: string[];
  approvedAt: Date | null;
};

/** Flagged as a possible self-referral and not approved yet: time alone never earns it. */
export function heldForReview(entry: Pick<LedgerEntry, "reviewFlags" | "approvedAt">): boolean {
  return entry.reviewFlags.length > 0 && entry.approvedAt === null;
}

/** The Prisma filter for entries held for review. */
export const heldForReviewWhere: Prisma.CommissionWhereInput = {
  reviewFlags: { isEmpty: false },
  approvedAt: null,
};

/** The status shown for an entry, given the cutoff `earnedBefore(rules)`. */
export function ledgerStatus(entry: LedgerEntry, earnedCutoff: Date): LedgerStatus {
  if (entry.status === "PAID") return "paid";
  if (entry.status === "REVERSED") return "reversed";
  return entry.createdAt <= earnedCutoff && !heldForReview(entry) ? "earned" : "pending";
}

/** The Prisma filter for entries that show this status. */
export function ledgerStatusWhere(
  status: LedgerStatus,
  earnedCutoff: Date,
): Prisma.CommissionWhereInput {
  switch (status) {
    case "pending":
      return { status: "PENDING", OR: [{ createdAt: { gt: earnedCutoff } }, heldForReviewWhere] };
    case "earned":
      return { status: "PENDING", createdAt: { lte: earnedCutoff }, NOT: heldForReviewWhere };
    case "paid":
      return { status: "PAID" };
    case "reversed":
      return { status: "REVERSED" };
  }
}
