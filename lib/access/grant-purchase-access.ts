import type { Tx } from "@/lib/db";

export type GrantPurchaseAccessOptions = {
  purchaseId: string;
  userId: string;
  offeringId: string;
  expiresAt: Date | null;
  cause: string;
  eventRecordId?: string;
  actorId?: string;
};

/**
 * Adds the user to every community of the offering. The (purchase, community) unique key means a
 * purchase grants each community once, whichever path gets here first.
 */
export async function grantPurchaseAccess(tx: Tx, options: GrantPurchaseAccessOptions) {
  const { purchaseId, userId, offeringId, expiresAt } = options;
  const communities = await tx.community.findMany({
    where: { offerings: { some: { id: offeringId } } },
    select: { id: true },
  });
  if (communities.length === 0) return 0;

  const created = await tx.membership.createManyAndReturn({
    data: communities.map(({ id }) => ({ userId, communityId: id, purchaseId, expiresAt })),
    skipDuplicates: true,
    select: { id: true, communityId: true },
  });
  await tx.accessEvent.createMany({
    data: created.map((membership) => ({
      action: "GRANT" as const,
      userId,
      communityId: membership.communityId,
      membershipId: membership.id,
      purchaseId,
      cause: options.cause,
      eventId: options.eventRecordId ?? null,
      actorId: options.actorId ?? null,
    })),
  });
  return created.length;
}
