import { db } from "@/lib/db";

export type ListAccessTrailOptions = { userId: string; limit?: number };

/**
 * A user's access trail, newest first: each grant, extension, shortening and revocation with
 * its cause and what caused it, the webhook event we recorded (its provider, type and id) or the
 * admin (their email). Events and admins are read in two batched queries, not one per row.
 */
export async function listAccessTrail({ userId, limit = 500 }: ListAccessTrailOptions) {
  const rows = await db.accessEvent.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      action: true,
      cause: true,
      createdAt: true,
      communityId: true,
      membershipId: true,
      purchaseId: true,
      eventId: true,
      actorId: true,
      community: { select: { name: true } },
    },
  });
  const ids = (key: "eventId" | "actorId") => [
    ...new Set(rows.flatMap((row) => (row[key] ? [row[key]] : []))),
  ];
  const [events, actors] = await Promise.all([
    db.processedEvent.findMany({
      where: { id: { in: ids("eventId") } },
      select: { id: true, provider: true, providerEventId: true, type: true },
    }),
    db.user.findMany({ where: { id: { in: ids("actorId") } }, select: { id: true, email: true } }),
  ]);
  const eventById = new Map(events.map((event) => [event.id, event]));
  const actorById = new Map(actors.map((actor) => [actor.id, actor]));
  return rows.map(({ community, eventId, actorId, ...entry }) => ({
    ...entry,
    communityName: community.name,
    event: eventId
      ? (eventById.get(eventId) ?? {
          id: eventId,
          provider: null,
          providerEventId: null,
          type: null,
        })
      : null,
    actor: actorId ? (actorById.get(actorId) ?? { id: actorId, email: null }) : null,
  }));
}

export type AccessTrailEntry = Awaited<ReturnType<typeof listAccessTrail>>[number];
