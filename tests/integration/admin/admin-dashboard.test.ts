/**
 * The dashboard's figures, summed in SQL: revenue per day and per currency (never mixed), the
 * refunds on the day they were made, problem events, and subscriptions with MRR.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { countProblemEvents } from "@/lib/admin/dashboard/count-problem-events";
import { revenueByDay } from "@/lib/admin/dashboard/revenue-by-day";
import { dashboardRange } from "@/lib/admin/dashboard/schemas";
import { summarizeSubscriptions } from "@/lib/admin/dashboard/summarize-subscriptions";
import { db } from "@/lib/db";
import type { OrderStatus } from "@/lib/generated/prisma/client";
import { makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

type OrderSeed = {
  amount: number;
  currency: string;
  paidAt: string | null;
  status?: OrderStatus;
  refundedAt?: string;
};

/** One purchase and order per seed, as the payment paths leave them. */
async function seedOrders(seeds: OrderSeed[]) {
  const offering = await makeOffering();
  const user = await makeUser();
  for (const [index, seed] of seeds.entries()) {
    const refunded = seed.refundedAt !== undefined;
    const purchase = await db.purchase.create({
      data: {
        userId: user.id,
        offeringId: offering.id,
        status: refunded ? "REFUNDED" : seed.paidAt ? "SUCCEEDED" : "PENDING",
        refundedAt: refunded ? new Date(seed.refundedAt!) : null,
      },
    });
    await db.order.create({
      data: {
        purchaseId: purchase.id,
        userId: user.id,
        offeringId: offering.id,
        amount: seed.amount,
        currency: seed.currency,
        provider: "EXTERNAL",
        providerOrderId: `order-${index}`,
        status: seed.status ?? (refunded ? "REFUNDED" : seed.paidAt ? "PAID" : "PENDING"),
        paidAt: seed.paidAt ? new Date(seed.paidAt) : null,
      },
    });
  }
  return { offering, user };
}

describe("dashboard range", () => {
  const now = new Date("2026-11-25T15:00:00Z");

  it("is the last 30 days by default, days in UTC", () => {
    expect(dashboardRange({}, now)).toEqual({ from: "2026-10-27", to: "2026-11-25" });
    expect(dashboardRange({ from: "nonsense", to: "2026-02-30" }, now)).toEqual({
      from: "2026-10-27",
      to: "2026-11-25",
    });
  });

  it("takes from/to, swaps them when reversed, and keeps at most a year", () => {
    expect(dashboardRange({ from: "2026-11-01", to: "2026-11-07" }, now)).toEqual({
      from: "2026-11-01",
      to: "2026-11-07",
    });
    expect(dashboardRange({ from: "2026-11-07", to: "2026-11-01" }, now)).toEqual({
      from: "2026-11-01",
      to: "2026-11-07",
    });
    expect(dashboardRange({ from: "2020-01-01", to: "2026-11-25" }, now)).toEqual({
      from: "2025-11-25",
      to: "2026-11-25",
    });
  });
});

describe("revenue by day", () => {
  it("sums gross, refunded, net and orders per day and currency, never mixing currencies", async () => {
    await seedOrders([
      { amount: 4900, currency: "usd", paidAt: "2026-11-02T10:00:00Z" },
      { amount: 1000, currency: "usd", paidAt: "2026-11-02T23:59:59Z" },
      { amount: 2500, currency: "EUR", paidAt: "2026-11-02T08:00:00Z" },
      // Paid on the 3rd, refunded on the 5th: gross on the 3rd, refunded on the 5th.
      {
        amount: 700,
        currency: "usd",
        paidAt: "2026-11-03T12:00:00Z",
        refundedAt: "2026-11-05T09:00:00Z",
      },
      // Never paid, or outside the range: not counted.
      { amount: 9999, currency: "usd", paidAt: null },
      { amount: 9999, currency: "usd", paidAt: "2026-11-06T00:00:00Z" },
      { amount: 9999, currency: "usd", paidAt: "2026-10-31T23:59:59Z" },
    ]);

    const revenue = await revenueByDay({ from: "2026-11-01", to: "2026-11-05" });

    expect(revenue.map((series) => series.currency)).toEqual(["eur", "usd"]);
    const [eur, usd] = revenue;
    expect(eur).toMatchObject({ gross: 2500, refunded: 0, net: 2500, orders: 1 });
    expect(usd).toMatchObject({ gross: 6600, refunded: 700, net: 5900, orders: 3 });
    expect(usd.days).toEqual([
      { day: "2026-11-01", gross: 0, refunded: 0, net: 0, orders: 0 },
      { day: "2026-11-02", gross: 5900, refunded: 0, net: 5900, orders: 2 },
      { day: "2026-11-03", gross: 700, refunded: 0, net: 700, orders: 1 },
      { day: "2026-11-04", gross: 0, refunded: 0, net: 0, orders: 0 },
      { day: "2026-11-05", gross: 0, refunded: 700, net: -700, orders: 0 },
    ]);
    expect(eur.days.map((day) => day.gross)).toEqual([0, 2500, 0, 0, 0]);
  });

  it("is empty when nothing was paid in the range", async () => {
    await seedOrders([{ amount: 100, currency: "usd", paidAt: "2026-01-01T00:00:00Z" }]);
    expect(await revenueByDay({ from: "2026-11-01", to: "2026-11-30" })).toEqual([]);
  });
});

describe("problem events and subscriptions", () => {
  it("counts failed and unmatched deliveries received in the range", async () => {
    const event = (outcome: "FAILED" | "UNMATCHED" | "PROCESSED", receivedAt: string, n: number) =>
      db.processedEvent.create({
        data: {
          provider: "stripe",
          providerEventId: `evt_${outcome}_${n}`,
          type: "checkout.session.completed",
          payload: {},
          outcome,
          receivedAt: new Date(receivedAt),
        },
      });
    await event("FAILED", "2026-11-02T00:00:00Z", 1);
    await event("FAILED", "2026-11-03T00:00:00Z", 2);
    await event("UNMATCHED", "2026-11-03T00:00:00Z", 3);
    await event("PROCESSED", "2026-11-03T00:00:00Z", 4);
    await event("FAILED", "2026-10-01T00:00:00Z", 5);

    expect(await countProblemEvents({ from: "2026-11-01", to: "2026-11-30" })).toEqual({
      failed: 2,
      unmatched: 1,
    });
  });

  it("counts active and trialing subscriptions and sums MRR per currency", async () => {
    // Written directly: creating a recurring offering would also create its price at Stripe.
    const monthly = await db.offering.create({
      data: {
        name: "Monthly",
        priceAmount: 1200,
        currency: "usd",
        pricingType: "MONTHLY",
        channel: "STRIPE_EMBEDDED",
        webhookSecret: "unused",
      },
    });
    const user = await makeUser();
    const statuses = ["active", "trialing", "past_due", "canceled"] as const;
    for (const [index, status] of statuses.entries()) {
      const purchase = await db.purchase.create({
        data: { userId: user.id, offeringId: monthly.id, status: "SUCCEEDED" },
      });
      await db.subscription.create({
        data: {
          stripeSubscriptionId: `sub_${index}`,
          stripeCustomerId: "cus_1",
          userId: user.id,
          offeringId: monthly.id,
          purchaseId: purchase.id,
          status,
          lastEventAt: new Date(),
        },
      });
    }

    expect(await summarizeSubscriptions()).toEqual({
      active: 2,
      mrr: [{ currency: "usd", amount: 3600 }],
    });
  });
});
