import type { Tx } from "@/lib/db";
import { countAccessChanges } from "@/lib/observability/metrics";

export type RevokePurchaseAccessOptions = {
  purchaseId: string;
  cause: string;
  eventRecordId?: string;
  actorId?: string;
  /** Keep the memberships of these communities (a plan switch keeps what both plans grant). */
  keepCommunityIds?: string[];
};

/**
 * Revokes the memberships this purchase granted (all, or all but `keepCommunityIds`). Access the user holds through another purchase
 * lives in other memberships and stays.
 */
export async function revokePurchaseAccess(tx: Tx, options: RevokePurchaseAccessOptions) {
  const revokedAt = new Date();
  const memberships = await tx.membership.findMany({
    where: {
      purchaseId: options.purchaseId,
      revokedAt: null,
      ...(options.keepCommunityIds ? { communityId: { notIn: options.keepCommunityIds } } : {}),
    },
    select: { id: true, userId: true, communityId: true },
  });
  if (memberships.length === 0) return 0;
  await tx.membership.updateMany({
    where: { id: { in: memberships.map(({ id }) => id) }, revokedAt: null },
    data: { revokedAt },
  });
  await tx.accessEvent.createMany({
    data: memberships.map((membership) => ({
      action: "REVOKE" as const,
      userId: membership.userId,
      communityId: membership.communityId,
      membershipId: membership.id,
      purchaseId: options.purchaseId,
      cause: options.cause,
      eventId: options.eventRecordId ?? null,
      actorId: options.actorId ?? null,
    })),
  });
  // Counted as written: a transaction that rolls back afterwards has still moved the counter.
  countAccessChanges("REVOKE", memberships.length);
  return memberships.length;
}
