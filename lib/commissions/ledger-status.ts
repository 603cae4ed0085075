/**
 * What a commission entry's status means to people. The database stores PENDING, PAID and
 * REVERSED; "earned" is a PENDING entry older than the hold period, decided at query time from
 * `earnedBefore(rules)` (never stored), so a change to the hold period applies at once.
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

/** The status shown for an entry, given the cutoff `earnedBefore(rules)`. */
export function ledgerStatus(
  entry: { status: CommissionStatus; createdAt: Date },
  earnedCutoff: Date,
): LedgerStatus {
  if (entry.status === "PAID") return "paid";
  if (entry.status === "REVERSED") return "reversed";
  return entry.createdAt <= earnedCutoff ? "earned" : "pending";
}

/** The Prisma filter for entries that show this status. */
export function ledgerStatusWhere(
  status: LedgerStatus,
  earnedCutoff: Date,
): Prisma.CommissionWhereInput {
  switch (status) {
    case "pending":
      return { status: "PENDING", createdAt: { gt: earnedCutoff } };
    case "earned":
      return { status: "PENDING", createdAt: { lte: earnedCutoff } };
    case "paid":
      return { status: "PAID" };
    case "reversed":
      return { status: "REVERSED" };
  }
}
