import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";
import { makeOffering } from "../../tooling/seed/factories";

export const DAY = 86_400_000;
export const at = (days: number) => new Date(Date.UTC(2026, 10, 1) + days * DAY);

export type SubscriptionOptions = {
  userId: string;
  offeringId: string;
  status: SubscriptionStatus;
  createdAt?: Date;
  stripePriceId?: string;
  cancelAtPeriodEnd?: boolean;
  endedAt?: Date;
  paymentFailure?: string;
};

/** A subscription row beside its purchase, as the webhook handlers leave them. */
export async function makeSubscription({
  userId,
  offeringId,
  createdAt = new Date(),
  ...fields
}: SubscriptionOptions) {
  const purchase = await db.purchase.create({
    data: { userId, offeringId, status: "SUCCEEDED", accessGrantedAt: createdAt, createdAt },
  });
  return db.subscription.create({
    data: {
      stripeSubscriptionId: `sub_${randomUUID()}`,
      stripeCustomerId: `cus_${userId}`,
      userId,
      offeringId,
      purchaseId: purchase.id,
      currentPeriodStart: createdAt,
      currentPeriodEnd: new Date(createdAt.getTime() + 30 * DAY),
      paidThrough: new Date(createdAt.getTime() + 30 * DAY),
      lastEventAt: createdAt,
      createdAt,
      ...fields,
    },
  });
}

export async function makeInvoiceOrder(
  subscription: { purchaseId: string; userId: string; offeringId: string },
  {
    invoiceId,
    createdAt,
    amount = 1900,
  }: { invoiceId: string | null; createdAt: Date; amount?: number },
) {
  return db.order.create({
    data: {
      purchaseId: subscription.purchaseId,
      userId: subscription.userId,
      offeringId: subscription.offeringId,
      amount,
      currency: "usd",
      provider: "STRIPE",
      status: "PAID",
      providerInvoiceId: invoiceId,
      paidAt: createdAt,
      createdAt,
    },
  });
}

export const monthly = () =>
  makeOffering({ name: "Monthly Membership", priceAmount: 1900, pricingType: "MONTHLY" });
export const yearly = () =>
  makeOffering({ name: "Yearly Membership", priceAmount: 19000, pricingType: "YEARLY" });
