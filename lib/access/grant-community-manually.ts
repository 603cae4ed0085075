import { recordAudit } from "@/lib/audit/record-audit";
import { manualAccessReason } from "@/lib/access/schemas";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { countAccessChanges } from "@/lib/observability/metrics";

export type GrantCommunityManuallyOptions = {
  userId: string;
  communityId: string;
  reason: string;
  /** When the access ends; null for no end. */
  expiresAt: Date | null;
  actorId: string;
  now?: Date;
};

/**
 * An admin gives a user a community by hand: a membership tied to no purchase, a GRANT on the
 * access trail with the admin and `manual: <reason>` as its cause, and an audit entry, all in
 * one transaction. It adds to whatever access the user already holds; it never shortens it.
 */
export async function grantCommunityManually(options: GrantCommunityManuallyOptions) {
  const { userId, communityId, expiresAt, actorId, now = new Date() } = options;
  const reason = manualAccessReason.parse(options.reason);
  if (expiresAt && expiresAt <= now)
    throw new AppError("validation_failed", "The access must end in the future.");
  const granted = await db.$transaction(async (tx) => {
    const [user, community] = await Promise.all([
      tx.user.findUnique({ where: { id: userId }, select: { id: true } }),
      tx.community.findUnique({ where: { id: communityId }, select: { name: true } }),
    ]);
    if (!user) throw new AppError("not_found", "No user has this id.");
    if (!community) throw new AppError("not_found", "No community has this id.");
    const membership = await tx.membership.create({
      data: { userId, communityId, expiresAt },
      select: { id: true },
    });
    await tx.accessEvent.create({
      data: {
        action: "GRANT",
        userId,
        communityId,
        membershipId: membership.id,
        cause: `manual: ${reason}`,
        actorId,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "access.grant",
      subject: userId,
      details: {
        communityId,
        community: community.name,
        reason,
        expiresAt: expiresAt?.toISOString() ?? null,
        membershipId: membership.id,
      },
    });
    return { membershipId: membership.id, communityName: community.name, expiresAt };
  });
  countAccessChanges("GRANT", 1);
  return granted;
}
