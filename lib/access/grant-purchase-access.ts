import type { Tx } from "@/lib/db";
import { countAccessChanges } from "@/lib/observability/metrics";

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
 * Adds the user to every community of the offering, with a GRANT entry on the access trail for
 * each new membership, in one statement. The (purchase, community) unique key means a purchase
 * grants each community once, whichever path gets here first. ("_CommunityToOffering" is
 * Prisma's table for the offerings ↔ communities relation: A is the community, B the offering.)
 */
export async function grantPurchaseAccess(
  tx: Tx,
  options: GrantPurchaseAccessOptions,
): Promise<number> {
  const { purchaseId, userId, offeringId, expiresAt, cause } = options;
  const [{ granted }] = await tx.$queryRaw<{ granted: number }[]>`
    WITH granted AS (
      INSERT INTO "Membership" (id, "userId", "communityId", "purchaseId", "expiresAt")
      SELECT gen_random_uuid()::text, ${userId}, link."A", ${purchaseId}, ${expiresAt}
      FROM "_CommunityToOffering" link WHERE link."B" = ${offeringId}
      ON CONFLICT ("purchaseId", "communityId") DO NOTHING
      RETURNING id, "communityId"
    ), trail AS (
      INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId", cause, "eventId", "actorId")
      SELECT gen_random_uuid()::text, 'GRANT', ${userId}, granted."communityId", granted.id, ${purchaseId},
             ${cause}, ${options.eventRecordId ?? null}, ${options.actorId ?? null}
      FROM granted
      RETURNING 1
    )
    SELECT count(*)::int AS granted FROM trail`;
  // Counted as written: a transaction that rolls back afterwards has still moved the counter.
  countAccessChanges("GRANT", granted);
  return granted;
}
