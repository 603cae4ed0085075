import type { Tx } from "@/lib/db";
import { reverseOrderCommissions } from "@/lib/commissions/reverse-order-commissions";

export type AdjustRefundedOrderCommissionsOptions = {
  orderId: string;
  /** The order's amount and how much of it has been refunded so far (cumulative). */
  orderAmount: number;
  refundedAmount: number;
};

/**
 * The commissions of one order after a refund of part or all of it. A full refund reverses them
 * (reverseOrderCommissions: unpaid entries REVERSED, paid ones get a negative ADJUSTMENT). A
 * partial refund takes back the same share of each EARNING as a negative ADJUSTMENT beside it:
 * one ADJUSTMENT per entry, whose amount follows the cumulative refund while it is unpaid, so a
 * second partial refund, a duplicate or an older event arriving late converges on the same
 * ledger. An ADJUSTMENT already settled in a payout is not changed (reported as `settled`).
 */
export async function adjustRefundedOrderCommissions(
  tx: Tx,
  { orderId, orderAmount, refundedAmount }: AdjustRefundedOrderCommissionsOptions,
): Promise<{ reversed: number; adjusted: number; settled: number }> {
  if (refundedAmount >= orderAmount) {
    const earnings = await tx.commission.findMany({
      where: { orderId, kind: "EARNING" },
      select: { level: true, status: true, amount: true },
    });
    // An unpaid EARNING is reversed whole: the unpaid partial ADJUSTMENT beside it goes too.
    const pendingLevels = earnings.filter((e) => e.status === "PENDING").map((e) => e.level);
    await tx.commission.updateMany({
      where: { orderId, kind: "ADJUSTMENT", status: "PENDING", level: { in: pendingLevels } },
      data: { status: "REVERSED", reversedAt: new Date() },
    });
    const paid = earnings.filter((e) => e.status === "PAID");
    const full = await setAdjustments(tx, orderId, paid, 1, 1);
    const reversal = await reverseOrderCommissions(tx, [orderId]);
    return {
      reversed: reversal.reversed,
      adjusted: full.adjusted + reversal.adjusted,
      settled: full.settled,
    };
  }
  if (refundedAmount <= 0) return { reversed: 0, adjusted: 0, settled: 0 };
  const earnings = await tx.commission.findMany({
    where: { orderId, kind: "EARNING", status: { in: ["PENDING", "PAID"] } },
    select: { level: true, status: true, amount: true },
  });
  return {
    reversed: 0,
    ...(await setAdjustments(tx, orderId, earnings, refundedAmount, orderAmount)),
  };
}

/** Each entry's ADJUSTMENT set to −(its amount × refunded ÷ order amount), rounded to the cent. */
async function setAdjustments(
  tx: Tx,
  orderId: string,
  earnings: { level: number; amount: number }[],
  refunded: number,
  orderAmount: number,
): Promise<{ adjusted: number; settled: number }> {
  let adjusted = 0;
  let settled = 0;
  for (const earning of earnings) {
    const amount = -Math.round((earning.amount * refunded) / orderAmount);
    if (amount === 0) continue;
    const existing = await tx.commission.findUnique({
      where: { orderId_level_kind: { orderId, level: earning.level, kind: "ADJUSTMENT" } },
      select: { id: true, status: true, amount: true },
    });
    if (!existing) {
      const source = await tx.commission.findUniqueOrThrow({
        where: { orderId_level_kind: { orderId, level: earning.level, kind: "EARNING" } },
        select: {
          beneficiaryId: true,
          buyerId: true,
          offeringId: true,
          currency: true,
          rateBps: true,
        },
      });
      await tx.commission.create({
        data: { ...source, orderId, level: earning.level, kind: "ADJUSTMENT", amount },
      });
      adjusted += 1;
    } else if (existing.status === "PAID" && existing.amount !== amount) {
      settled += 1;
    } else if (existing.status === "PENDING" && existing.amount > amount) {
      // Only ever more negative: an older, smaller refund arriving late changes nothing.
      await tx.commission.update({ where: { id: existing.id }, data: { amount } });
      adjusted += 1;
    }
  }
  return { adjusted, settled };
}
