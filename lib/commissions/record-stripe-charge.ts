import type { Tx } from "@/lib/db";
import { lockPaymentForReview, reviewSelfReferrals } from "@/lib/commissions/self-referral-flags";

export type StripeChargeFacts = {
  chargeId: string;
  paymentIntentId: string | null;
  /** Our order id, from the Checkout metadata copied onto the charge (Payment Links have none). */
  orderId: string | null;
  customerId: string | null;
  cardFingerprint: string | null;
  email: string | null;
};

/**
 * Keeps who paid a successful Stripe charge and with which card (once per charge), then looks
 * again at the pending commission entries of the people it belongs to: a card or address seen
 * now may show that an entry made earlier was a referral to oneself.
 */
export async function recordStripeCharge(tx: Tx, facts: StripeChargeFacts) {
  const { chargeId, ...fields } = facts;
  await lockPaymentForReview(tx, facts.paymentIntentId);
  const data = { ...fields, email: fields.email?.toLowerCase() ?? null };
  await tx.stripeCharge.upsert({
    where: { id: chargeId },
    create: { id: chargeId, ...data },
    update: data,
  });

  const orders = await tx.order.findMany({
    where: {
      provider: "STRIPE",
      OR: [
        ...(facts.paymentIntentId ? [{ providerCaptureId: facts.paymentIntentId }] : []),
        ...(facts.orderId ? [{ id: facts.orderId }] : []),
      ],
    },
    select: { userId: true },
    take: 10,
  });
  const customers = facts.customerId
    ? await tx.user.findMany({
        where: { stripeCustomerId: facts.customerId },
        select: { id: true },
      })
    : [];
  const userIds = new Set([
    ...orders.map((order) => order.userId),
    ...customers.map((user) => user.id),
  ]);
  let flagged = 0;
  for (const userId of userIds) flagged += await reviewSelfReferrals(tx, userId);
  return { users: userIds.size, flagged };
}
