/**
 * A referral to oneself through a second account: both sides paid as the same Stripe customer,
 * with the same card (Stripe's card fingerprint), or one side's verified email address is the
 * address the other side paid with. Each is a reason to hold the entry for an admin, not proof:
 * a family may share a card. The payment facts come from `charge.succeeded` (StripeCharge rows,
 * joined to each user's orders by payment intent or order id) and the users' own Stripe
 * customers.
 */
import type { Tx } from "@/lib/db";

export const selfReferralFlags = ["same_stripe_customer", "same_card", "same_email"] as const;
export type SelfReferralFlag = (typeof selfReferralFlags)[number];

export const selfReferralFlagLabels: Record<SelfReferralFlag, string> = {
  same_stripe_customer: "same Stripe customer",
  same_card: "same card",
  same_email: "same email address",
};

type Row = { same_customer: boolean; same_card: boolean; same_email: boolean };

/**
 * The charge of a payment and its completion arrive as two events, often at the same moment:
 * each would miss what the other has not committed yet (the charge's card, the completion's
 * entries). Both take this lock on the payment intent first, so the later one sees the earlier.
 */
export async function lockPaymentForReview(
  tx: Pick<Tx, "$executeRaw">,
  paymentIntentId: string | null,
): Promise<void> {
  if (!paymentIntentId) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('payment-review'), hashtext(${paymentIntentId}))`;
}

/** The reasons to suspect that `beneficiaryId` and `buyerId` are one person. */
export async function findSelfReferralFlags(
  tx: Pick<Tx, "$queryRaw">,
  { buyerId, beneficiaryId }: { buyerId: string; beneficiaryId: string },
): Promise<SelfReferralFlag[]> {
  const [row] = await tx.$queryRaw<Row[]>`
    WITH person AS (
      SELECT id, "stripeCustomerId" AS customer,
             CASE WHEN "emailVerified" IS NOT NULL THEN lower(email) END AS verified_email
      FROM "User" WHERE id IN (${buyerId}, ${beneficiaryId})
    ), paid AS (
      SELECT o."userId" AS id, c."customerId" AS customer, c."cardFingerprint" AS card,
             lower(c.email) AS email
      FROM "Order" o
      JOIN "StripeCharge" c ON c."paymentIntentId" = o."providerCaptureId" OR c."orderId" = o.id
      WHERE o."userId" IN (${buyerId}, ${beneficiaryId}) AND o.provider = 'STRIPE'
    ), customers AS (
      SELECT id, customer FROM person WHERE customer IS NOT NULL
      UNION SELECT id, customer FROM paid WHERE customer IS NOT NULL
    )
    SELECT
      EXISTS (SELECT 1 FROM customers b JOIN customers r ON b.customer = r.customer
              WHERE b.id = ${buyerId} AND r.id = ${beneficiaryId}) AS same_customer,
      EXISTS (SELECT 1 FROM paid b JOIN paid r ON b.card = r.card
              WHERE b.id = ${buyerId} AND r.id = ${beneficiaryId}) AS same_card,
      EXISTS (SELECT 1 FROM person p JOIN paid o ON o.email = p.verified_email
              WHERE p.id <> o.id) AS same_email`;
  const flags: SelfReferralFlag[] = [];
  if (row?.same_customer) flags.push("same_stripe_customer");
  if (row?.same_card) flags.push("same_card");
  if (row?.same_email) flags.push("same_email");
  return flags;
}

/**
 * Looks again at the pending entries between this user and the people on the other side of
 * them, after a payment told us more (a charge with its card and email). Flags are only added:
 * an approval or a payout already made stands.
 */
export async function reviewSelfReferrals(tx: Tx, userId: string): Promise<number> {
  const entries = await tx.commission.findMany({
    where: {
      status: "PENDING",
      kind: "EARNING",
      approvedAt: null,
      OR: [{ buyerId: userId }, { beneficiaryId: userId }],
    },
    select: { id: true, buyerId: true, beneficiaryId: true, reviewFlags: true },
  });
  let flagged = 0;
  for (const entry of entries) {
    const found = await findSelfReferralFlags(tx, entry);
    const added = found.filter((flag) => !entry.reviewFlags.includes(flag));
    if (added.length === 0) continue;
    await tx.commission.update({
      where: { id: entry.id },
      data: { reviewFlags: [...entry.reviewFlags, ...added] },
    });
    flagged += 1;
  }
  return flagged;
}
