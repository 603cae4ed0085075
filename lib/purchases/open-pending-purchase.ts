import type { Tx } from "@/lib/db";
import type { PaymentProvider } from "@/lib/generated/prisma/client";
import { findReferrer } from "@/lib/referrals/find-referrer";

export type OpenPendingPurchaseOptions = {
  userId: string;
  offering: { id: string; priceAmount: number; currency: string };
  provider: PaymentProvider;
  /** The referral cookie's code, if any: resolved here, on the server, to a referrer. */
  referralCode?: string | null;
};

/**
 * The user's pending purchase of an offering with its pending order, reused while its amount is
 * still the offering's price; otherwise a new one (amount and currency copied from the offering,
 * never from the client). The advisory lock makes concurrent clicks share one purchase.
 */
export async function openPendingPurchase(
  tx: Tx,
  { userId, offering, provider, referralCode }: OpenPendingPurchaseOptions,
) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${userId}), hashtext(${offering.id}))`;
  const pending = await tx.purchase.findFirst({
    where: { userId, offeringId: offering.id, status: "PENDING" },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      createdAt: true,
      orders: {
        where: { status: "PENDING", provider },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, amount: true, currency: true, providerOrderId: true },
      },
    },
  });
  const order = pending?.orders[0];
  if (
    pending &&
    order &&
    order.amount === offering.priceAmount &&
    order.currency === offering.currency
  ) {
    return {
      purchaseId: pending.id,
      orderId: order.id,
      createdAt: pending.createdAt,
      providerOrderId: order.providerOrderId,
      reused: true,
    };
  }
  // The price changed (or the channel did) since: retire the stale attempt. Its provider session
  // (say, an open Stripe Checkout Session at the old price) is handed back to be closed.
  const retiredProviderOrderId = order?.providerOrderId ?? null;
  if (pending) {
    await tx.purchase.update({ where: { id: pending.id }, data: { status: "EXPIRED" } });
    await tx.order.updateMany({
      where: { purchaseId: pending.id, status: "PENDING" },
      data: { status: "FAILED" },
    });
  }
  // Attribution is decided when the order is made, from the referral cookie, never the body.
  const referrerId = await findReferrer(tx, referralCode, userId);
  if (referrerId)
    await tx.user.updateMany({
      where: { id: userId, referredById: null },
      data: { referredById: referrerId },
    });
  const purchase = await tx.purchase.create({
    data: {
      userId,
      offeringId: offering.id,
      referrerId,
      orders: {
        create: {
          userId,
          offeringId: offering.id,
          amount: offering.priceAmount,
          currency: offering.currency,
          provider,
          referrerId,
        },
      },
    },
    select: { id: true, createdAt: true, orders: { select: { id: true } } },
  });
  return {
    purchaseId: purchase.id,
    orderId: purchase.orders[0].id,
    createdAt: purchase.createdAt,
    providerOrderId: null,
    reused: false,
    retiredProviderOrderId,
  };
}
