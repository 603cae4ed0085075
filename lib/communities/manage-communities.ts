import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isRecordMissing } from "@/lib/prisma-errors";
import type { CommunityInput } from "@/lib/communities/schemas";

const fields = { id: true, name: true, description: true, content: true } as const;

export function createCommunity({ input }: { input: CommunityInput }) {
  return db.community.create({ data: input, select: fields });
}

export async function updateCommunity({
  communityId,
  input,
}: {
  communityId: string;
  input: CommunityInput;
}) {
  try {
    return await db.community.update({ where: { id: communityId }, data: input, select: fields });
  } catch (error) {
    if (isRecordMissing(error)) throw new AppError("not_found", "No community has this id.");
    throw error;
  }
}

/** A community that anyone holds access to cannot be deleted; that access would vanish silently. */
export async function deleteCommunity({ communityId }: { communityId: string }) {
  const members = await db.membership.count({ where: { communityId, revokedAt: null } });
  if (members > 0) {
    throw new AppError("conflict", "People hold access to this community; it cannot be deleted.", {
      members,
    });
  }
  try {
    await db.community.delete({ where: { id: communityId } });
  } catch (error) {
    if (isRecordMissing(error)) throw new AppError("not_found", "No community has this id.");
    throw error;
  }
}

/**
 * Every community for the admin list, with how many offerings grant it and how many memberships
 * it has (revoked and expired ones included). The membership counts are the shards of
 * "CommunityMembershipCount", which a trigger on "Membership" keeps exact in the transaction of
 * each change, so the page does not count a million memberships; the offerings are counted from
 * their links, a row per offering and community.
 */
export async function listCommunities() {
  const [communities, counts] = await Promise.all([
    db.community.findMany({
      orderBy: { name: "asc" },
      select: { ...fields, _count: { select: { offerings: true } } },
    }),
    db.communityMembershipCount.groupBy({ by: ["communityId"], _sum: { memberships: true } }),
  ]);
  const membershipsById = new Map(
    counts.map((count) => [count.communityId, count._sum.memberships ?? 0]),
  );
  return communities.map(({ _count, ...community }) => ({
    ...community,
    _count: { offerings: _count.offerings, memberships: membershipsById.get(community.id) ?? 0 },
  }));
}

/**
 * Every community's id and name, for the forms that pick communities (an offering's, a manual
 * grant's): no member counts, which at a million memberships cost more than the page.
 */
export function listCommunityNames() {
  return db.community.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export function getCommunity(communityId: string) {
  return db.community.findUnique({ where: { id: communityId }, select: fields });
}
