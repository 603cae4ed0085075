import type { Tx } from "@/lib/db";
import { countAccessChanges } from "@/lib/observability/metrics";

export type RevokePurchaseAccessOptions = {
  purchaseId: string;
  cause: string;
  eventRecordId?: string;
  actorId?: string;
  /** Keep the memberships of these communities (a plan switch keeps what both plans grant). */
  keepCommunityIds?: string[];
};

/**
 * Revokes the memberships this purchase granted (all, or all but `keepCommunityIds`), each with a
 * REVOKE entry on the access trail: the SQL function revoke_purchase_access (prisma/functions/),
 * which an ended subscription's sync runs too. Access the user holds through another purchase
 * lives in other memberships and stays.
 */
export async function revokePurchaseAccess(tx: Tx, options: RevokePurchaseAccessOptions) {
  const [{ revoked }] = await tx.$queryRaw<{ revoked: number }[]>`
    SELECT revoke_purchase_access(${options.purchaseId}, ${options.cause},
      ${options.eventRecordId ?? null}, ${options.actorId ?? null},
      ${options.keepCommunityIds ?? []}::text[]) AS revoked`;
  // Counted as written: a transaction that rolls back afterwards has still moved the counter.
  countAccessChanges("REVOKE", revoked);
  return revoked;
}
