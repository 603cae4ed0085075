/**
 * "RevenueDay", the dashboard's revenue per day, is kept by triggers on "Order" and "Purchase":
 * after every kind of change (paid, refunded, refund moved, deleted, cascades, several
 * connections at once) it must equal the sums over every order, which is what the dashboard
 * showed when it summed the orders themselves.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { revenueByDay } from "@/lib/admin/dashboard/revenue-by-day";
import { db } from "@/lib/db";
import { makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

type Sums = Array<{
  day: string;
  currency: string;
  orders: number;
  gross: number;
  refunded: number;
}>;

/** The dashboard's figures summed over every order, the way it did before the summary table. */
async function fromOrders(): Promise<Sums> {
  return db.$queryRaw<Sums>`
    SELECT day, currency, sum(orders)::int AS orders, sum(gross)::int AS gross, sum(refunded)::int AS refunded
    FROM (
      SELECT to_char("paidAt", 'YYYY-MM-DD') AS day, lower(currency) AS currency,
             count(*) AS orders, sum(amount) AS gross, 0 AS refunded
      FROM "Order" WHERE "paidAt" IS NOT NULL AND status IN ('PAID', 'REFUNDED') GROUP BY 1, 2
      UNION ALL
      SELECT to_char(p."refundedAt", 'YYYY-MM-DD'), lower(o.currency), 0, 0, sum(o.amount)
      FROM "Purchase" p JOIN "Order" o ON o."purchaseId" = p.id
      WHERE p."refundedAt" IS NOT NULL AND o.status = 'REFUNDED' AND o."paidAt" IS NOT NULL
      GROUP BY 1, 2
    ) parts GROUP BY 1, 2 ORDER BY 1, 2`;
}

async function fromSummary(): Promise<Sums> {
  return db.$queryRaw<Sums>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, currency, sum(orders)::int AS orders,
           sum(gross)::int AS gross, sum(refunded)::int AS refunded
    FROM "RevenueDay" GROUP BY 1, 2
    HAVING sum(orders) <> 0 OR sum(gross) <> 0 OR sum(refunded) <> 0 ORDER BY 1, 2`;
}

async function expectSummaryToMatchOrders() {
  const expected = await fromOrders();
  expect(await fromSummary()).toEqual(expected);
  return expected;
}

const day = (n: number, hour = 12) => new Date(Date.UTC(2026, 10, n, hour));

async function paidOrder(options: {
  userId: string;
  offeringId: string;
  id: string;
  amount: number;
  currency?: string;
  paidAt: Date | null;
}) {
  const { id, userId, offeringId, amount, currency = "usd", paidAt } = options;
  await db.purchase.create({
    data: { id: `purchase-${id}`, userId, offeringId, status: paidAt ? "SUCCEEDED" : "PENDING" },
  });
  await db.order.create({
    data: {
      id,
      purchaseId: `purchase-${id}`,
      userId,
      offeringId,
      amount,
      currency,
      provider: "STRIPE",
      status: paidAt ? "PAID" : "PENDING",
      paidAt,
    },
  });
}

async function refund(orderId: string, at: Date, orderFirst = true) {
  await db.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    const orderStep = () =>
      tx.order.update({
        where: { id: orderId },
        data: { status: "REFUNDED", refundedAmount: order.amount },
      });
    const purchaseStep = () =>
      tx.purchase.update({
        where: { id: order.purchaseId },
        data: { status: "REFUNDED", refundedAt: at },
      });
    if (orderFirst) {
      await orderStep();
      await purchaseStep();
    } else {
      await purchaseStep();
      await orderStep();
    }
  });
}

describe("the dashboard's revenue per day", () => {
  it("follows payments, refunds, moved refunds and deletions", async () => {
    const offering = await makeOffering();
    const alice = await makeUser();
    const bob = await makeUser();
    const mine = { userId: alice.id, offeringId: offering.id };
    await paidOrder({ ...mine, id: "o1", amount: 1000, paidAt: day(1) });
    await paidOrder({ ...mine, id: "o2", amount: 2500, paidAt: day(1, 23) });
    await paidOrder({ ...mine, id: "o3", amount: 700, currency: "EUR", paidAt: day(2) });
    await paidOrder({ ...mine, id: "o4", amount: 900, paidAt: null });
    await paidOrder({
      userId: bob.id,
      offeringId: offering.id,
      id: "o5",
      amount: 4000,
      paidAt: day(3),
    });
    expect(await expectSummaryToMatchOrders()).toEqual([
      { day: "2026-11-01", currency: "usd", orders: 2, gross: 3500, refunded: 0 },
      { day: "2026-11-02", currency: "eur", orders: 1, gross: 700, refunded: 0 },
      { day: "2026-11-03", currency: "usd", orders: 1, gross: 4000, refunded: 0 },
    ]);

    // The pending order is paid later; refunds in either order of the two writes.
    await db.order.update({ where: { id: "o4" }, data: { status: "PAID", paidAt: day(4) } });
    await refund("o1", day(5), true);
    await refund("o3", day(5), false);
    await refund("o5", day(6));
    await expectSummaryToMatchOrders();

    // A refund's day corrected; an amount corrected; an order back to failed.
    await db.purchase.update({ where: { id: "purchase-o1" }, data: { refundedAt: day(7) } });
    await db.order.update({ where: { id: "o2" }, data: { amount: 2600 } });
    await db.order.update({ where: { id: "o4" }, data: { status: "FAILED" } });
    await expectSummaryToMatchOrders();

    // Deleting an order, a refunded purchase with its orders, and a user with everything.
    await db.order.delete({ where: { id: "o2" } });
    await db.purchase.delete({ where: { id: "purchase-o3" } });
    await expectSummaryToMatchOrders();
    await db.user.delete({ where: { id: bob.id } });
    expect(await expectSummaryToMatchOrders()).toEqual([
      { day: "2026-11-01", currency: "usd", orders: 1, gross: 1000, refunded: 0 },
      { day: "2026-11-07", currency: "usd", orders: 0, gross: 0, refunded: 1000 },
    ]);
    const [usd] = await revenueByDay({ from: "2026-11-01", to: "2026-11-07" });
    expect(usd).toMatchObject({ currency: "usd", gross: 1000, refunded: 1000, net: 0, orders: 1 });
  });

  it("adds up payments made on many connections at once", async () => {
    const offering = await makeOffering();
    const users = await Promise.all(Array.from({ length: 5 }, () => makeUser()));
    await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        paidOrder({
          userId: users[n % 5].id,
          offeringId: offering.id,
          id: `c${n}`,
          amount: 100 + n,
          paidAt: day(1 + (n % 3)),
        }),
      ),
    );
    const sums = await expectSummaryToMatchOrders();
    expect(sums.reduce((total, row) => total + row.orders, 0)).toBe(40);
  });

  it("is rebuilt from the orders by revenue_day_rebuild()", async () => {
    const offering = await makeOffering();
    const user = await makeUser();
    await paidOrder({
      userId: user.id,
      offeringId: offering.id,
      id: "r1",
      amount: 500,
      paidAt: day(1),
    });
    await refund("r1", day(2));
    const before = await fromSummary();
    await db.$executeRaw`DELETE FROM "RevenueDay"`;
    await db.$executeRaw`SELECT revenue_day_rebuild()`;
    expect(await fromSummary()).toEqual(before);
    await expectSummaryToMatchOrders();
  });
});
