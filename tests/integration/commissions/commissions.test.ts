/**
 * Commissions: created with the payment that earned them, exactly once per order and level, on
 * a three-level upline; taken back by refunds, before or after payout.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { COMMISSION_RULES_KEY } from "@/lib/commissions/commission-rules";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { refundPurchase } from "@/lib/purchases/refund-purchase";
import { embeddedOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent, type WebhookAnswer } from "../../helpers/stripe-webhook";
import {
  scenarioInvoice,
  subscribe,
  subscriptionScenario,
} from "../../helpers/stripe-subscriptions";
import { checkoutSession, DAY, stripeEvent, unixNow } from "../../../tooling/stripe";

beforeEach(resetDatabase);

async function rules(values: {
  defaultRateBps: number;
  level2RateBps?: number;
  level3RateBps?: number;
}) {
  await db.setting.create({
    data: {
      key: COMMISSION_RULES_KEY,
      value: { holdDays: 14, level2RateBps: 0, level3RateBps: 0, ...values },
    },
  });
}

/** carol referred bob, who referred alice: alice's purchases earn for alice's referrer and up. */
async function upline() {
  const carol = await makeUser({ email: "carol@example.com" });
  const bob = await makeUser({ email: "bob@example.com" });
  const alice = await makeUser({ email: "alice@example.com" });
  await db.user.update({ where: { id: carol.id }, data: { referralCode: "carol-code" } });
  await db.user.update({
    where: { id: bob.id },
    data: { referralCode: "bob-code", referredById: carol.id },
  });
  await db.user.update({
    where: { id: alice.id },
    data: { referralCode: "alice-code", referredById: bob.id },
  });
  return { carol, bob, alice };
}

/** A pending Stripe order for `buyer`, attributed from the referral code their cookie carried. */
async function referredOrder(
  buyerId: string,
  code: string | null,
  offering: { priceAmount?: number; currency?: string } = {},
) {
  const { offering: created } = await embeddedOffering({
    priceAmount: offering.priceAmount ?? 4999,
    currency: offering.currency ?? "usd",
  });
  const row = await db.offering.findUniqueOrThrow({ where: { id: created.id } });
  const opened = await db.$transaction((tx) =>
    openPendingPurchase(tx, {
      userId: buyerId,
      offering: row,
      provider: "STRIPE",
      referralCode: code,
    }),
  );
  const paid = stripeEvent(
    "checkout.session.completed",
    checkoutSession({ orderId: opened.orderId, amount: row.priceAmount, currency: row.currency }),
  );
  return { ...opened, offering: row, paid };
}

const entries = (orderId: string) =>
  db.commission.findMany({
    where: { orderId },
    orderBy: [{ level: "asc" }, { kind: "desc" }],
    select: {
      level: true,
      kind: true,
      beneficiaryId: true,
      amount: true,
      rateBps: true,
      status: true,
    },
  });

describe("commission entries", () => {
  it("1,000 deliveries of one paid event from 50 clients make one entry per level, with no 5xx", async () => {
    await rules({ defaultRateBps: 1000, level2RateBps: 500, level3RateBps: 250 });
    const { carol, bob, alice } = await upline();
    const dave = await makeUser({ email: "dave@example.com" });
    const { orderId, paid } = await referredOrder(dave.id, "alice-code");
    const answers: WebhookAnswer[] = [];
    const client = async () => {
      for (let delivery = 0; delivery < 20; delivery++)
        answers.push(await deliverStripeEvent(paid));
    };
    await Promise.all(Array.from({ length: 50 }, client));

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    // 4999 cents: 10% → 499 (floor of 499.9), 5% → 249 (249.95), 2.5% → 124 (124.975).
    expect(await entries(orderId)).toEqual([
      {
        level: 1,
        kind: "EARNING",
        beneficiaryId: alice.id,
        amount: 499,
        rateBps: 1000,
        status: "PENDING",
      },
      {
        level: 2,
        kind: "EARNING",
        beneficiaryId: bob.id,
        amount: 249,
        rateBps: 500,
        status: "PENDING",
      },
      {
        level: 3,
        kind: "EARNING",
        beneficiaryId: carol.id,
        amount: 124,
        rateBps: 250,
        status: "PENDING",
      },
    ]);
    expect(await db.user.findUniqueOrThrow({ where: { id: dave.id } })).toMatchObject({
      referredById: alice.id,
    });
  });

  it("rounds down in currencies without minor units (JPY) and uses the offering's own rate at level 1", async () => {
    await rules({ defaultRateBps: 1000, level2RateBps: 333 });
    const { bob, alice } = await upline();
    const dave = await makeUser();
    const { orderId, offering, paid } = await referredOrder(dave.id, "alice-code", {
      priceAmount: 999,
      currency: "jpy",
    });
    await db.offering.update({ where: { id: offering.id }, data: { commissionRateBps: 1500 } });
    expect((await deliverStripeEvent(paid)).status).toBe(200);
    expect(await entries(orderId)).toEqual([
      {
        level: 1,
        kind: "EARNING",
        beneficiaryId: alice.id,
        amount: 149,
        rateBps: 1500,
        status: "PENDING",
      },
      {
        level: 2,
        kind: "EARNING",
        beneficiaryId: bob.id,
        amount: 33,
        rateBps: 333,
        status: "PENDING",
      },
    ]);
    expect((await db.commission.findFirstOrThrow({ where: { orderId } })).currency).toBe("jpy");
  });

  it("never owes more than the order: rules saved before the 100 % cap pay out at most the amount", async () => {
    await rules({ defaultRateBps: 10_000, level2RateBps: 10_000, level3RateBps: 10_000 });
    await upline();
    const { orderId, paid } = await referredOrder((await makeUser()).id, "alice-code");
    expect((await deliverStripeEvent(paid)).status).toBe(200);
    const owed = (await entries(orderId)).map((entry) => [entry.level, entry.amount]);
    // 4999 at 100 % to level 1; nothing is left for levels 2 and 3 (never 3 × 4999 = 14,997).
    expect(owed).toEqual([[1, 4999]]);
  });

  it("self-referral earns nothing, and an unknown or malformed code is ignored", async () => {
    await rules({ defaultRateBps: 1000 });
    const { alice } = await upline();
    for (const code of ["alice-code", "nobody-has-this", "<script>", null]) {
      const { orderId, purchaseId, paid } = await referredOrder(alice.id, code);
      expect((await deliverStripeEvent(paid)).status).toBe(200);
      const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
      expect([code, order.status, order.referrerId]).toEqual([code, "PAID", null]);
      expect(await db.commission.count({ where: { order: { purchaseId } } })).toBe(0);
    }
  });

  it("a refund before payout reverses the entries; after payout it adds negative adjustments, so the ledger sums to what is owed", async () => {
    await rules({ defaultRateBps: 1000, level2RateBps: 500 });
    const { alice, bob } = await upline();
    const dave = await makeUser();
    const first = await referredOrder(dave.id, "alice-code");
    await deliverStripeEvent(first.paid);
    await db.$transaction((tx) =>
      refundPurchase(tx, { purchaseId: first.purchaseId, cause: "test refund" }),
    );
    expect(
      (await entries(first.orderId)).map((entry) => [entry.level, entry.kind, entry.status]),
    ).toEqual([
      [1, "EARNING", "REVERSED"],
      [2, "EARNING", "REVERSED"],
    ]);

    const second = await referredOrder(dave.id, "alice-code");
    await deliverStripeEvent(second.paid);
    const payout = await db.payout.create({
      data: { reference: "TR-1", adminId: bob.id, total: 748, currency: "usd" },
    });
    await db.commission.updateMany({
      where: { orderId: second.orderId },
      data: { status: "PAID", payoutId: payout.id },
    });
    await db.$transaction((tx) =>
      refundPurchase(tx, { purchaseId: second.purchaseId, cause: "test refund" }),
    );
    await db.$transaction((tx) =>
      refundPurchase(tx, { purchaseId: second.purchaseId, cause: "again" }),
    );
    expect(
      (await entries(second.orderId)).map((entry) => [
        entry.level,
        entry.kind,
        entry.amount,
        entry.status,
      ]),
    ).toEqual([
      [1, "EARNING", 499, "PAID"],
      [1, "ADJUSTMENT", -499, "PENDING"],
      [2, "EARNING", 249, "PAID"],
      [2, "ADJUSTMENT", -249, "PENDING"],
    ]);
    const owed = await db.commission.aggregate({
      where: { beneficiaryId: alice.id, status: { not: "REVERSED" } },
      _sum: { amount: true },
    });
    expect(owed._sum.amount).toBe(0);
  });

  it("each paid subscription invoice earns again, renewals included", async () => {
    await rules({ defaultRateBps: 2000 });
    const { alice } = await upline();
    const buyer = await makeUser();
    const scenario = await subscriptionScenario({
      user: { ...buyer, customerId: "cus_referred_buyer" },
    });
    await db.purchase.update({
      where: { id: scenario.purchaseId },
      data: { referrerId: alice.id },
    });
    const p1 = { periodStart: unixNow() - DAY, periodEnd: unixNow() + 29 * DAY };
    const p2 = { periodStart: p1.periodEnd, periodEnd: p1.periodEnd + 30 * DAY };
    await subscribe(scenario, p1, unixNow() - 20);
    await deliverStripeEvent(
      stripeEvent(
        "invoice.paid",
        scenarioInvoice(scenario, { ...p2, paymentIntent: "pi_renewal" }),
      ),
    );
    const earned = await db.commission.findMany({
      where: { beneficiaryId: alice.id },
      select: { amount: true, order: { select: { providerInvoiceId: true } } },
    });
    expect(earned).toHaveLength(2);
    expect(earned.map((entry) => entry.amount)).toEqual([380, 380]);
    expect(new Set(earned.map((entry) => entry.order.providerInvoiceId)).size).toBe(2);
  });
});
