import type { Tx } from "@/lib/db";

/**
 * A refund takes back what the refunded orders earned: entries not paid yet become REVERSED;
 * an entry already paid out stays PAID and gets a negative ADJUSTMENT beside it (once), so the
 * ledger still sums to what is owed.
 */
export async function reverseOrderCommissions(
  tx: Tx,
  orderIds: string[],
): Promise<{ reversed: number; adjusted: number }> {
  if (orderIds.length === 0) return { reversed: 0, adjusted: 0 };
  const reversed = await tx.commission.updateMany({
    where: { orderId: { in: orderIds }, kind: "EARNING", status: "PENDING" },
    data: { status: "REVERSED", reversedAt: new Date() },
  });
  const adjusted = await tx.$executeRaw`
    INSERT INTO "Commission" (id, "orderId", level, kind, "beneficiaryId", "buyerId", "offeringId", amount, currency, "rateBps", "updatedAt")
    SELECT gen_random_uuid()::text, "orderId", level, 'ADJUSTMENT', "beneficiaryId", "buyerId", "offeringId", -amount, currency, "rateBps", now()
    FROM "Commission"
    WHERE "orderId" = ANY(${orderIds}) AND kind = 'EARNING' AND status = 'PAID'
    ON CONFLICT ("orderId", level, kind) DO NOTHING`;
  return { reversed: reversed.count, adjusted };
}
