import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";

export type GetCommunityForViewerOptions = { communityId: string; userId: string | null };

/** A community page: gated content only for members; others see how to get access. */
export async function getCommunityForViewer({ communityId, userId }: GetCommunityForViewerOptions) {
  const community = await db.community.findUnique({
    where: { id: communityId },
    select: {
      id: true,
      name: true,
      description: true,
      content: true,
      offerings: {
        where: { offering: { archivedAt: null } },
        select: { offering: { select: { id: true, name: true } } },
      },
    },
  });
  if (!community) return null;
  const isMember = userId ? await hasCommunityAccess(userId, communityId) : false;
  const { content, offerings, ...publicPart } = community;
  return {
    ...publicPart,
    offerings: offerings.map((link) => link.offering),
    isMember,
    content: isMember ? content : null,
  };
}
