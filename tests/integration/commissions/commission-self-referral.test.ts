/**
 * A referral to oneself through a second account: the same Stripe customer, the same card (its
 * fingerprint) or the same verified address on both sides flags the entry, which then stays
 * pending, however old, until an admin approves it. The flag holds whichever arrives first, the
 * charge or the completion, and when the referrer's own order took the fast path.
 */
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveCommission } from "@/lib/commissions/approve-commission";
import { COMMISSION_RULES_KEY } from "@/lib/commissions/commission-rules";
import { listCommissionChanges } from "@/lib/commissions/list-commission-changes";
import { listCommissionsForAdmin } from "@/lib/commissions/list-commissions-for-admin";
import { listHeldCommissions } from "@/lib/commissions/list-held-commissions";
import { markCommissionsPaid } from "@/lib/commissions/mark-commissions-paid";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { daysAgo } from "../../helpers/commissions";
import { embeddedOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { charge, checkoutSession, stripeEvent } from "../../../tooling/stripe";

beforeEach(async () => {
  await resetDatabase();
  await db.setting.create({
    data: {
      key: COMMISSION_RULES_KEY,
      value: { defaultRateBps: 1000, level2RateBps: 0, level3RateBps: 0, holdDays: 14 },
    },
  });
});

/** A user with a referral code of their own. */
async function referrer(email: string, fields: { verified?: boolean } = {}) {
  const user = await makeUser({ email, ...fields });
  const code = `code-${randomUUID().slice(0, 8)}`;
  await db.user.update({ where: { id: user.id }, data: { referralCode: code } });
  return { ...user, code };
}

type Payment = { customer: string; fingerprint: string; email: string };

/**
 * `buyerId` pays 49.00 for an embedded Checkout order, referred by `code` (or not): the charge
 * and the session completion, in the order given.
 */
type Arrival = "charge first" | "completion first" | "together";

async function pay(
  buyerId: string,
  code: string | null,
  payment: Payment,
  arrival: Arrival = "charge first",
) {
  const { offering } = await embeddedOffering({ priceAmount: 4900 });
  const price = await db.offering.findUniqueOrThrow({ where: { id: offering.id } });
  const { orderId, purchaseId } = await db.$transaction((tx) =>
    openPendingPurchase(tx, {
      userId: buyerId,
      offering: price,
      provider: "STRIPE",
      referralCode: code,
    }),
  );
  const paymentIntent = `pi_${randomUUID().replaceAll("-", "")}`;
  const metadata = { orderId, purchaseId, offeringId: offering.id, userId: buyerId };
  const completed = stripeEvent(
    "checkout.session.completed",
    checkoutSession({ orderId, metadata, paymentIntent, amount: 4900 }),
  );
  const charged = stripeEvent(
    "charge.succeeded",
    charge({
      paymentIntent,
      amount: 4900,
      customer: payment.customer,
      email: payment.email,
      cardFingerprint: payment.fingerprint,
      metadata,
    }),
  );
  if (arrival === "together") {
    const answers = await Promise.all([deliverStripeEvent(charged), deliverStripeEvent(completed)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
  }
  const inOrder = arrival === "charge first" ? [charged, completed] : [completed, charged];
  for (const event of arrival === "together" ? [] : inOrder) {
    expect((await deliverStripeEvent(event)).status).toBe(200);
  }
  return { orderId };
}

const entryOf = (orderId: string) =>
  db.commission.findFirstOrThrow({
    where: { orderId, level: 1 },
    select: { id: true, amount: true, reviewFlags: true, approvedAt: true },
  });

const page = { page: 1, pageSize: 50 };
const idsWithStatus = async (status: "pending" | "earned") =>
  (await listCommissionsForAdmin({ ...page, status })).items.map((item) => item.id);

describe("self-referral through a second account", () => {
  it("holds an entry paid with the referrer's own card, however old, until an admin approves it", async () => {
    const admin = await makeUser({ email: "admin@example.com", role: "ADMIN" });
    const alice = await referrer("alice@example.com");
    const second = await makeUser({ email: "alice.second@example.com" });
    const stranger = await makeUser({ email: "stranger@example.com" });
    // Alice's own order, nobody referred: the fast path (apply_paid_order) completes it.
    await pay(alice.id, null, {
      customer: "cus_alice",
      fingerprint: "fp_alice_card",
      email: alice.email,
    });
    expect(await db.order.count({ where: { userId: alice.id, status: "PAID" } })).toBe(1);

    const self = await pay(second.id, alice.code, {
      customer: "cus_second",
      fingerprint: "fp_alice_card",
      email: second.email,
    });
    const honest = await pay(stranger.id, alice.code, {
      customer: "cus_stranger",
      fingerprint: "fp_stranger_card",
      email: stranger.email,
    });

    const held = await entryOf(self.orderId);
    expect(held).toMatchObject({ amount: 490, reviewFlags: ["same_card"], approvedAt: null });
    expect(await entryOf(honest.orderId)).toMatchObject({ amount: 490, reviewFlags: [] });

    // Past the hold period, the honest entry is earned; the flagged one is still pending.
    await db.commission.updateMany({ data: { createdAt: daysAgo(30) } });
    expect(await idsWithStatus("earned")).toEqual([(await entryOf(honest.orderId)).id]);
    expect(await idsWithStatus("pending")).toEqual([held.id]);
    const row = (await listCommissionsForAdmin(page)).items.find((item) => item.id === held.id);
    expect(row).toMatchObject({
      shownStatus: "pending",
      heldForReview: true,
      reviewFlags: ["same_card"],
    });
    expect((await listHeldCommissions()).items.map((item) => item.id)).toEqual([held.id]);
    await expect(
      markCommissionsPaid({ commissionIds: [held.id], reference: "TR-1", adminId: admin.id }),
    ).rejects.toMatchObject({ status: 409 });

    expect(await approveCommission({ commissionId: held.id, adminId: admin.id })).toMatchObject({
      approved: true,
    });
    expect((await idsWithStatus("earned")).sort()).toEqual(
      [held.id, (await entryOf(honest.orderId)).id].sort(),
    );
    expect(await listHeldCommissions()).toEqual({ items: [], total: 0 });
    expect(
      await db.auditEntry.findFirstOrThrow({ where: { action: "commission.approve" } }),
    ).toMatchObject({ actorId: admin.id, subject: held.id });
    expect((await listCommissionChanges())[0]).toMatchObject({
      actorEmail: "admin@example.com",
      description: "Approved a commission of $4.90 held as a possible self-referral (same card)",
    });
    // Once is enough: a second approval changes nothing and writes no second audit entry.
    expect(await approveCommission({ commissionId: held.id, adminId: admin.id })).toMatchObject({
      approved: false,
    });
    expect(await db.auditEntry.count({ where: { action: "commission.approve" } })).toBe(1);
  });

  it("flags the referrer's Stripe customer and verified address, whichever event comes first", async () => {
    const bob = await referrer("bob@example.com");
    await db.user.update({ where: { id: bob.id }, data: { stripeCustomerId: "cus_bob" } });
    const carol = await referrer("carol@example.com");
    const dave = await referrer("dave@example.com", { verified: false });
    const buyer = () => makeUser();

    // The charge after the completion: the entry exists already and is flagged then.
    const sameCustomer = await pay(
      (await buyer()).id,
      bob.code,
      {
        customer: "cus_bob",
        fingerprint: "fp_1",
        email: "someone@example.com",
      },
      "completion first",
    );
    const sameEmail = await pay((await buyer()).id, carol.code, {
      customer: "cus_2",
      fingerprint: "fp_2",
      email: "Carol@Example.com",
    });
    // An address nobody proved is no evidence (and no one's to claim).
    const unverified = await pay((await buyer()).id, dave.code, {
      customer: "cus_3",
      fingerprint: "fp_3",
      email: "dave@example.com",
    });

    expect((await entryOf(sameCustomer.orderId)).reviewFlags).toEqual(["same_stripe_customer"]);
    expect((await entryOf(sameEmail.orderId)).reviewFlags).toEqual(["same_email"]);
    expect((await entryOf(unverified.orderId)).reviewFlags).toEqual([]);
  });

  it("flags the entry when the charge and the completion arrive at the same moment", async () => {
    const frank = await referrer("frank@example.com");
    await pay(frank.id, null, {
      customer: "cus_frank",
      fingerprint: "fp_frank",
      email: frank.email,
    });
    const flags: string[][] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const { orderId } = await pay(
        (await makeUser()).id,
        frank.code,
        {
          customer: `cus_other_${attempt}`,
          fingerprint: "fp_frank",
          email: `o${attempt}@example.com`,
        },
        "together",
      );
      flags.push((await entryOf(orderId)).reviewFlags);
    }
    expect(flags).toEqual(Array.from({ length: 8 }, () => ["same_card"]));
  });

  it("approving is for flagged, pending entries only", async () => {
    const admin = await makeUser({ email: "admin@example.com", role: "ADMIN" });
    const erin = await referrer("erin@example.com");
    const honest = await pay((await makeUser()).id, erin.code, {
      customer: "cus_x",
      fingerprint: "fp_x",
      email: "x@example.com",
    });
    await expect(
      approveCommission({ commissionId: (await entryOf(honest.orderId)).id, adminId: admin.id }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      approveCommission({ commissionId: "no-such-entry", adminId: admin.id }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
