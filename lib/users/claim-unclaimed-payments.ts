import { db } from "@/lib/db";
import { completePurchase } from "@/lib/purchases/complete-purchase";
import { completeDirectPayment } from "@/lib/purchases/complete-direct-payment";

/**
 * Grants the payments kept for a user's address, once the address is verified by its owner (a
 * magic link, or the link sent at sign-up; a password alone proves nothing). Each payment
 * becomes a purchase with a paid order, once: the row is locked and marked claimed in the same
 * transaction.
 */
export async function claimUnclaimedPayments(userId: string): Promise<number> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, emailVerified: true },
  });
  if (!user?.emailVerified) return 0;
  const waiting = await db.unclaimedPayment.findMany({
    where: { email: user.email.toLowerCase(), claimedAt: null, refundedAt: null },
    select: { id: true },
  });
  let claimed = 0;
  for (const { id } of waiting) {
    await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "UnclaimedPayment" WHERE id = ${id} AND "claimedAt" IS NULL AND "refundedAt" IS NULL FOR UPDATE`;
      if (!row) return;
      const payment = await tx.unclaimedPayment.findUniqueOrThrow({
        where: { id },
        include: { offering: { select: { id: true, priceAmount: true, currency: true } } },
      });
      const why = {
        cause: `claimed by verified address (unclaimed payment ${id})`,
        eventRecordId: payment.eventRecordId ?? undefined,
      };
      // The buyer may have pressed Proceed before verifying: that pending purchase is the one paid.
      const pending = await tx.purchase.findFirst({
        where: { userId, offeringId: payment.offeringId, status: "PENDING" },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      const result = pending
        ? await completePurchase(tx, {
            purchaseId: pending.id,
            payment: {
              amount: payment.amount,
              currency: payment.currency,
              providerCaptureId: payment.paymentId,
            },
            ...why,
          })
        : await completeDirectPayment(tx, {
            userId,
            offering: {
              ...payment.offering,
              priceAmount: payment.amount,
              currency: payment.currency,
            },
            payment: { paymentId: payment.paymentId },
            ...why,
          });
      await tx.unclaimedPayment.update({
        where: { id },
        data: { claimedAt: new Date(), purchaseId: result.purchaseId ?? null },
      });
      claimed += 1;
    });
  }
  return claimed;
}
