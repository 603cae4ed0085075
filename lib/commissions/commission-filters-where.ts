import type { Prisma } from "@/lib/generated/prisma/client";
import { ledgerStatusWhere } from "@/lib/commissions/ledger-status";
import type { CommissionFilters } from "@/lib/commissions/schemas";

const DAY_MS = 86_400_000;

/** The admin filters as a Prisma filter: the list, its totals and the export all use this one. */
export function commissionFiltersWhere(
  { status, referrer, from, to }: CommissionFilters,
  earnedCutoff: Date,
): Prisma.CommissionWhereInput {
  const and: Prisma.CommissionWhereInput[] = [];
  if (status) and.push(ledgerStatusWhere(status, earnedCutoff));
  if (referrer) and.push({ beneficiary: { email: { contains: referrer, mode: "insensitive" } } });
  const created = createdRange({ from, to });
  if (created) and.push({ createdAt: created });
  return { AND: and };
}

/** [from 00:00 UTC, the day after `to` 00:00 UTC): both days inclusive. */
export function createdRange({
  from,
  to,
}: Pick<CommissionFilters, "from" | "to">): Prisma.DateTimeFilter | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}),
    ...(to ? { lt: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
  };
}
