/** Commission ledger rows made directly with Prisma, for tests of what the ledger shows. */
import { db } from "@/lib/db";
import { makeOffering, makeUser } from "../../tooling/seed/factories";

export const DAY_MS = 86_400_000;
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

type EntryOptions = {
  amount?: number;
  currency?: string;
  ageDays?: number;
  status?: "PENDING" | "PAID" | "REVERSED";
};

/** A referrer, a buyer with a paid order of one offering, and helpers to add entries for them. */
export async function ledgerScenario(offeringName = "Course") {
  const referrer = await makeUser({ email: "referrer@example.com" });
  const buyer = await makeUser({ email: "buyer@example.com" });
  const admin = await makeUser({ email: "admin@example.com", role: "ADMIN" });
  const offering = await makeOffering({ name: offeringName });
  let level = 0;
  async function entry({
    amount = 500,
    currency = "usd",
    ageDays = 20,
    status = "PENDING",
  }: EntryOptions = {}) {
    const purchase = await db.purchase.create({
      data: {
        userId: buyer.id,
        offeringId: offering.id,
        status: "SUCCEEDED",
        referrerId: referrer.id,
        createdAt: daysAgo(ageDays),
      },
    });
    const order = await db.order.create({
      data: {
        purchaseId: purchase.id,
        userId: buyer.id,
        offeringId: offering.id,
        amount: amount * 10,
        currency,
        provider: "EXTERNAL",
        status: "PAID",
        referrerId: referrer.id,
      },
    });
    level = (level % 3) + 1;
    return db.commission.create({
      data: {
        orderId: order.id,
        level,
        beneficiaryId: referrer.id,
        buyerId: buyer.id,
        offeringId: offering.id,
        amount,
        currency,
        rateBps: 1000,
        status,
        createdAt: daysAgo(ageDays),
      },
    });
  }
  return { referrer, buyer, admin, offering, entry };
}

export async function ledgerState() {
  const [commissions, payouts, audits] = await Promise.all([
    db.commission.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, payoutId: true },
    }),
    db.payout.count(),
    db.auditEntry.count(),
  ]);
  return { commissions, payouts, audits };
}
