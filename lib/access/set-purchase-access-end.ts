import type { Tx } from "@/lib/db";
import { countAccessChanges } from "@/lib/observability/metrics";

export type AccessWhy = { cause: string; eventRecordId?: string; actorId?: string };

export type PurchaseAccess = { purchaseId: string; userId: string; offeringId: string };

/** How many trail entries of each kind a change of access wrote. */
export type AccessChanges = {
  granted: number;
  reopened: number;
  extended: number;
  shortened: number;
  revoked: number;
};

/** Counts them on the metrics, as written (a transaction that rolls back has still moved them). */
export function countAccessChangesOf(changes: AccessChanges) {
  countAccessChanges("GRANT", changes.granted + changes.reopened);
  countAccessChanges("EXTEND", changes.extended);
  countAccessChanges("SHORTEN", changes.shortened);
  countAccessChanges("REVOKE", changes.revoked);
  return {
    granted: changes.granted,
    changed: changes.reopened + changes.extended + changes.shortened,
    revoked: changes.revoked,
  };
}

/**
 * Moves the end of the access a purchase gives to `until`, writing each change on the access
 * trail: GRANT for a new (or reopened) membership, EXTEND / SHORTEN when its end moves. A
 * membership a plan switch revoked (its community not in the purchase's offering now) stays so. Used by
 * renewals (subscriptions, recurring external payments); expiry itself is read at query time.
 * The rule is the SQL function set_purchase_access_end (prisma/functions/), which the renewal
 * fast paths run too.
 */
export async function setPurchaseAccessEnd(
  tx: Tx,
  purchase: PurchaseAccess,
  until: Date,
  why: AccessWhy,
) {
  const [changes] = await tx.$queryRaw<Omit<AccessChanges, "revoked">[]>`
    SELECT * FROM set_purchase_access_end(${purchase.purchaseId}, ${purchase.userId},
      ${purchase.offeringId}, ${until}, ${why.cause}, ${why.eventRecordId ?? null},
      ${why.actorId ?? null})`;
  const { granted, changed } = countAccessChangesOf({ ...changes, revoked: 0 });
  return { granted, changed };
}
