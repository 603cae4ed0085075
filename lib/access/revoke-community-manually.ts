import { activeMembershipWhere } from "@/lib/access/active-access";
import { manualAccessReason } from "@/lib/access/schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { countAccessChanges } from "@/lib/observability/metrics";

export type RevokeCommunityManuallyOptions = {
  userId: string;
  communityId: string;
  reason: string;
  actorId: string;
};

/**
 * An admin takes a community away by hand: every active membership the user holds in it is
 * revoked, purchased ones included (otherwise a purchase would keep the door open), each with a
 * REVOKE on the access trail citing the admin and `manual: <reason>`, plus one audit entry.
 * Purchases and orders are left as they are: a refund is how money goes back. A later payment
 * (a renewal) may grant the community again, and says so on the trail.
 */
export async function revokeCommunityManually(options: RevokeCommunityManuallyOptions) {
  const { userId, communityId, actorId } = options;
  const reason = manualAccessReason.parse(options.reason);
  const result = await db.$transaction(async (tx) => {
    const now = new Date();
    const [community, memberships] = await Promise.all([
      tx.community.findUnique({ where: { id: communityId }, select: { name: true } }),
      tx.membership.findMany({
        where: { userId, communityId, ...activeMembershipWhere(now) },
        select: { id: true, purchaseId: true },
      }),
    ]);
    if (!community) throw new AppError("not_found", "No community has this id.");
    if (memberships.length === 0)
      throw new AppError("conflict", "This user has no access to that community to revoke.");
    const revoked = await tx.membership.updateMany({
      where: { id: { in: memberships.map((membership) => membership.id) }, revokedAt: null },
      data: { revokedAt: now },
    });
    // Another revoke got there first: it wrote the trail; this one changes nothing.
    if (revoked.count !== memberships.length)
      throw new AppError("conflict", "This access was changed meanwhile; reload and try again.");
    await tx.accessEvent.createMany({
      data: memberships.map((membership) => ({
        action: "REVOKE" as const,
        userId,
        communityId,
        membershipId: membership.id,
        purchaseId: membership.purchaseId,
        cause: `manual: ${reason}`,
        actorId,
      })),
    });
    await recordAudit(tx, {
      actorId,
      action: "access.revoke",
      subject: userId,
      details: { communityId, community: community.name, reason, memberships: memberships.length },
    });
    return { revoked: memberships.length };
  });
  countAccessChanges("REVOKE", result.revoked);
  return result;
}
