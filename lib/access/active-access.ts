/**
 * Access is read, never cached: a membership counts while it is unrevoked and unexpired, so
 * expiry needs no background job.
 */
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The one expiry rule, for memberships and purchases alike: no end, or an end still ahead. */
function notExpired(now: Date) {
  return { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

export function activeMembershipWhere(now = new Date()): Prisma.MembershipWhereInput {
  return { revokedAt: null, ...notExpired(now) };
}

export async function hasCommunityAccess(userId: string, communityId: string): Promise<boolean> {
  const membership = await db.membership.findFirst({
    where: { userId, communityId, ...activeMembershipWhere() },
    select: { id: true },
  });
  return membership !== null;
}

/**
 * THE rule for "does this purchase give access now?", which every page, route and checkout
 * reads: it succeeded, its end is ahead, and the memberships it granted (if its offering has
 * communities) are not all revoked or expired. A subscription that ended revokes its
 * memberships, so a purchase whose recorded end still lies ahead (a test clock's end, say)
 * gives no access once they are gone.
 */
export function accessGivingPurchaseWhere(now = new Date()): Prisma.PurchaseWhereInput {
  return {
    status: "SUCCEEDED",
    AND: [
      notExpired(now),
      {
        OR: [{ memberships: { none: {} } }, { memberships: { some: activeMembershipWhere(now) } }],
      },
    ],
  };
}

/** True when one of the user's purchases of this offering gives access now. */
export async function hasOfferingAccess(userId: string, offeringId: string): Promise<boolean> {
  const purchase = await db.purchase.findFirst({
    where: { userId, offeringId, ...accessGivingPurchaseWhere() },
    select: { id: true },
  });
  return purchase !== null;
}

/** Which of these purchases give access now (the same rule, for a listed page of them). */
export async function purchasesGivingAccess(purchaseIds: string[], now = new Date()) {
  if (purchaseIds.length === 0) return new Set<string>();
  const rows = await db.purchase.findMany({
    where: { id: { in: purchaseIds }, ...accessGivingPurchaseWhere(now) },
    select: { id: true },
  });
  return new Set(rows.map(({ id }) => id));
}

/** The later of two expiries, where null means "never expires". */
function laterExpiry(a: Date | null, b: Date | null): Date | null {
  if (a === null || b === null) return null;
  return a > b ? a : b;
}

/** The communities a user can open now, each with when that access ends (null: never). */
export async function listUserCommunities(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId, ...activeMembershipWhere() },
    select: { expiresAt: true, community: { select: { id: true, name: true, description: true } } },
    orderBy: { grantedAt: "asc" },
  });
  type Access = { id: string; name: string; description: string; accessUntil: Date | null };
  const byCommunity = new Map<string, Access>();
  for (const { community, expiresAt } of memberships) {
    const known = byCommunity.get(community.id);
    const accessUntil = known ? laterExpiry(known.accessUntil, expiresAt) : expiresAt;
    byCommunity.set(community.id, { ...community, accessUntil });
  }
  return [...byCommunity.values()];
}
