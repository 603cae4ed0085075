/**
 * "Why does this user (not) have access to X?", answered per community from the user's
 * memberships and access trail: whether access holds now, until when, and the trail entries
 * behind it; or, without access, when and how it ended.
 */
import type { AccessTrailEntry } from "@/lib/access/list-access-trail";

export type MembershipForSummary = {
  id: string;
  communityId: string;
  communityName: string;
  purchaseId: string | null;
  grantedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

export type CommunityAccess = {
  communityId: string;
  communityName: string;
  hasAccess: boolean;
  /** With access: its end, null for none. */
  accessUntil: Date | null;
  /** With access: the newest trail entry behind each active membership, newest first. */
  because: AccessTrailEntry[];
  /** Without access: how it ended, if it ever started. */
  ended: { how: "revoked" | "expired"; at: Date; entry: AccessTrailEntry | null } | null;
  /** Every trail entry for this community, newest first. */
  trail: AccessTrailEntry[];
};

const isActive = (membership: MembershipForSummary, now: Date) =>
  membership.revokedAt === null && (membership.expiresAt === null || membership.expiresAt > now);

/** The entry that explains a membership: its newest change, else its purchase's grant. */
function entryBehind(membership: MembershipForSummary, trail: AccessTrailEntry[]) {
  return (
    trail.find((entry) => entry.membershipId === membership.id && entry.action !== "REVOKE") ??
    trail.find(
      (entry) =>
        entry.action === "GRANT" &&
        entry.membershipId === null &&
        membership.purchaseId !== null &&
        entry.purchaseId === membership.purchaseId,
    ) ??
    null
  );
}

function laterEnd(a: Date | null, b: Date | null): Date | null {
  if (a === null || b === null) return null;
  return a > b ? a : b;
}

function howItEnded(memberships: MembershipForSummary[], trail: AccessTrailEntry[]) {
  const revoke = trail.find((entry) => entry.action === "REVOKE") ?? null;
  const expiries = memberships.flatMap((membership) =>
    membership.revokedAt === null && membership.expiresAt ? [membership.expiresAt] : [],
  );
  const expiredAt = expiries.length > 0 ? new Date(Math.max(...expiries.map(Number))) : null;
  if (revoke && (!expiredAt || revoke.createdAt >= expiredAt))
    return { how: "revoked" as const, at: revoke.createdAt, entry: revoke };
  if (expiredAt) {
    const entry =
      trail.find(
        (candidate) => candidate.action !== "REVOKE" && candidate.createdAt <= expiredAt,
      ) ?? null;
    return { how: "expired" as const, at: expiredAt, entry };
  }
  return null;
}

/** One answer per community the user was ever given or denied, those with access first. */
export function summarizeAccess(
  memberships: MembershipForSummary[],
  trail: AccessTrailEntry[],
  now = new Date(),
): CommunityAccess[] {
  const names = new Map<string, string>();
  for (const item of [...memberships, ...trail]) names.set(item.communityId, item.communityName);
  const answers = [...names].map(([communityId, communityName]): CommunityAccess => {
    const own = memberships.filter((membership) => membership.communityId === communityId);
    const ownTrail = trail.filter((entry) => entry.communityId === communityId);
    const active = own.filter((membership) => isActive(membership, now));
    const because = [
      ...new Set(active.flatMap((membership) => entryBehind(membership, ownTrail) ?? [])),
    ].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return {
      communityId,
      communityName,
      hasAccess: active.length > 0,
      accessUntil:
        active.length > 0
          ? active.map((membership) => membership.expiresAt).reduce(laterEnd)
          : null,
      because,
      ended: active.length > 0 ? null : howItEnded(own, ownTrail),
      trail: ownTrail,
    };
  });
  return answers.sort(
    (a, b) =>
      Number(b.hasAccess) - Number(a.hasAccess) || a.communityName.localeCompare(b.communityName),
  );
}
