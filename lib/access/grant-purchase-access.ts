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
 * each new membership: the SQL function grant_purchase_access
 * (prisma/functions/grant_purchase_access.sql), which completing a purchase runs too. The
 * (purchase, community) unique key means a purchase grants each community once, whichever path
 * gets here first.
 */
export async function grantPurchaseAccess(
  tx: Tx,
  options: GrantPurchaseAccessOptions,
): Promise<number> {
  const { purchaseId, userId, offeringId, expiresAt, cause } = options;
  const [{ granted }] = await tx.$queryRaw<{ granted: number }[]>`
    SELECT grant_purchase_access(${purchaseId}, ${userId}, ${offeringId}, ${expiresAt}, ${cause},
      ${options.eventRecordId ?? null}, ${options.actorId ?? null}) AS granted`;
  // Counted as written: a transaction that rolls back afterwards has still moved the counter.
  countAccessChanges("GRANT", granted);
  return granted;
}
