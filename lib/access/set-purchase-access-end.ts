import type { Tx } from "@/lib/db";
import { grantPurchaseAccess } from "@/lib/access/grant-purchase-access";
import { countAccessChanges } from "@/lib/observability/metrics";

export type AccessWhy = { cause: string; eventRecordId?: string; actorId?: string };

export type PurchaseAccess = { purchaseId: string; userId: string; offeringId: string };

/**
 * Moves the end of the access a purchase gives to `until`, writing each change on the access
 * trail: GRANT for a new (or reopened) membership, EXTEND / SHORTEN when its end moves. Used by
 * renewals (subscriptions, recurring external payments); expiry itself is read at query time.
 */
export async function setPurchaseAccessEnd(
  tx: Tx,
  purchase: PurchaseAccess,
  until: Date,
  why: AccessWhy,
) {
  const [existing, offeringCommunities] = await Promise.all([
    tx.membership.findMany({
      where: { purchaseId: purchase.purchaseId },
      select: { id: true, communityId: true, expiresAt: true, revokedAt: true },
    }),
    tx.offeringCommunity.findMany({
      where: { offeringId: purchase.offeringId },
      select: { communityId: true },
    }),
  ]);
  const grants = new Set(offeringCommunities.map(({ communityId }) => communityId));
  const entries = [];
  for (const membership of existing) {
    const reopened = membership.revokedAt !== null;
    // A membership revoked because the purchase moved to a plan without its community (a plan
    // switch) is not reopened by the new plan's renewals.
    if (reopened && !grants.has(membership.communityId)) continue;
    const moved = membership.expiresAt?.getTime() !== until.getTime();
    if (!reopened && !moved) continue;
    await tx.membership.update({
      where: { id: membership.id },
      data: { expiresAt: until, revokedAt: null },
    });
    const later = !membership.expiresAt || until > membership.expiresAt;
    entries.push({
      action: reopened ? ("GRANT" as const) : later ? ("EXTEND" as const) : ("SHORTEN" as const),
      userId: purchase.userId,
      communityId: membership.communityId,
      membershipId: membership.id,
      purchaseId: purchase.purchaseId,
      cause: why.cause,
      eventId: why.eventRecordId ?? null,
      actorId: why.actorId ?? null,
    });
  }
  if (entries.length > 0) await tx.accessEvent.createMany({ data: entries });
  // Counted as written, like grants (grantPurchaseAccess counts its own below).
  for (const { action } of entries) countAccessChanges(action, 1);
  await tx.purchase.update({ where: { id: purchase.purchaseId }, data: { expiresAt: until } });
  // Communities added to the offering since (or the first grant) get their membership now.
  const granted = await grantPurchaseAccess(tx, { ...purchase, expiresAt: until, ...why });
  return { granted, changed: entries.length };
}
