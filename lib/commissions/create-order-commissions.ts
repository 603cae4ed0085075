import type { Tx } from "@/lib/db";
import {
  commissionAmount,
  getCommissionRules,
  levelRates,
} from "@/lib/commissions/commission-rules";
import { findSelfReferralFlags, lockPaymentForReview } from "@/lib/commissions/self-referral-flags";

const LEVELS = 3;

/**
 * The commission entries of a paid order, in the transaction that paid it: one per level of
 * the referrer's upline (the referrer, who referred them, and who referred that one), each
 * floor(amount × rate / 10000). The (order, level) key makes it exactly once however often
 * the payment is reported. Nobody earns on their own purchase, and a loop in the upline stops.
 * An entry that looks like a self-referral through a second account is created flagged, and
 * stays pending until an admin approves it (self-referral-flags.ts).
 */
export async function createOrderCommissions(tx: Tx, orderId: string): Promise<number> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      userId: true,
      offeringId: true,
      amount: true,
      currency: true,
      status: true,
      referrerId: true,
      providerCaptureId: true,
      purchase: { select: { referrerId: true } },
      offering: { select: { commissionRateBps: true } },
    },
  });
  const referrerId = order.referrerId ?? order.purchase.referrerId;
  if (order.status !== "PAID" || !referrerId || order.amount <= 0) return 0;
  if (!order.referrerId) await tx.order.update({ where: { id: order.id }, data: { referrerId } });
  // A charge.succeeded of this payment arriving at the same moment waits, or is waited for.
  await lockPaymentForReview(tx, order.providerCaptureId);

  const rates = levelRates(await getCommissionRules(tx), order.offering.commissionRateBps);
  const seen = new Set([order.userId]);
  let beneficiary: string | null = referrerId;
  let created = 0;
  for (let level = 1; level <= LEVELS && beneficiary && !seen.has(beneficiary); level++) {
    seen.add(beneficiary);
    const amount = commissionAmount(order.amount, rates[level - 1]);
    if (amount > 0) {
      const flags = await findSelfReferralFlags(tx, {
        buyerId: order.userId,
        beneficiaryId: beneficiary,
      });
      const inserted = await tx.$executeRaw`
        INSERT INTO "Commission" (id, "orderId", level, kind, "beneficiaryId", "buyerId", "offeringId", amount, currency, "rateBps", "reviewFlags", "updatedAt")
        VALUES (gen_random_uuid()::text, ${order.id}, ${level}, 'EARNING', ${beneficiary}, ${order.userId}, ${order.offeringId},
                ${amount}, ${order.currency}, ${rates[level - 1]}, ${flags}::text[], now())
        ON CONFLICT ("orderId", level, kind) DO NOTHING`;
      created += inserted;
    }
    const upline: { referredById: string | null } | null = await tx.user.findUnique({
      where: { id: beneficiary },
      select: { referredById: true },
    });
    beneficiary = upline?.referredById ?? null;
  }
  return created;
}
