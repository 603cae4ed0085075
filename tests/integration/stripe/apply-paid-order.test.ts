/**
 * The one-statement fast path for paid orders (lib/events/apply-paid-order.ts, the SQL function
 * apply_paid_order) against the general path (processEvent + completePurchase): the same rows,
 * and, for every case it leaves alone, nothing written at all.
 */
import { isDeepStrictEqual } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { processEvent } from "@/lib/events/process-event";
import { applyPaidCheckout } from "@/lib/payments/stripe/apply-paid-checkout";
import { stripeEventToProcess } from "@/lib/payments/stripe/handle-stripe-webhook";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { rowSnapshot } from "../../helpers/row-snapshot";
import {
  deliverStripeEvent,
  pendingStripeOrderScenario,
  purchaseRows,
} from "../../helpers/stripe-webhook";
import {
  checkoutSession,
  serialiseEvent,
  stripeEvent,
  type StripeTestEvent,
} from "../../../tooling/stripe";

beforeEach(resetDatabase);

type Scenario = Awaited<ReturnType<typeof pendingStripeOrderScenario>>;

function paidEvent(scenario: Scenario, fields: Parameters<typeof checkoutSession>[0] = {}) {
  const session = checkoutSession({
    orderId: scenario.orderId,
    metadata: scenario.metadata,
    paymentIntent: "pi_same",
    ...fields,
  });
  return stripeEvent("checkout.session.completed", session);
}

/** What a payment left, with ids and clocks taken out: equal for equal effects. */
async function effects(scenario: Scenario, event: StripeTestEvent) {
  const rows = await purchaseRows(scenario.purchaseId);
  const grantedAt = rows.purchase.accessGrantedAt?.getTime() ?? Number.NaN;
  const after = (date: Date | null) => (date ? date.getTime() - grantedAt : null);
  const trail = await db.accessEvent.findMany({ where: { purchaseId: scenario.purchaseId } });
  const [recorded] = rows.events;
  const own = (text: string) =>
    text.replaceAll(event.id, "EVENT").replaceAll(scenario.orderId, "ORDER");
  return {
    purchase: {
      status: rows.purchase.status,
      expiresAfterGrant: after(rows.purchase.expiresAt),
      refundedAt: rows.purchase.refundedAt,
    },
    orders: rows.orders.map((order) => ({
      status: order.status,
      paid: order.paidAt !== null,
      providerOrderId: order.providerOrderId === event.data.object.id,
      providerCaptureId: order.providerCaptureId,
    })),
    memberships: rows.memberships.map((membership) => ({
      userId: membership.userId === scenario.user.id,
      communityId: membership.communityId === scenario.community.id,
      expiresAfterGrant: after(membership.expiresAt),
      revokedAt: membership.revokedAt,
    })),
    trail: trail.map((entry) => ({
      action: entry.action,
      cause: own(entry.cause),
      eventId: entry.eventId === recorded.id,
      actorId: entry.actorId,
    })),
    events: rows.events.map((row) => ({
      provider: row.provider,
      type: row.type,
      outcome: row.outcome,
      error: row.error,
      attempts: row.attempts,
      details: own(JSON.stringify(row.details)),
      payload: isDeepStrictEqual(row.payload, event),
      processed: row.processedAt !== null,
    })),
  };
}

describe("apply_paid_order, the fast path for a paid order", () => {
  it.each([
    ["access for 30 days", { accessDurationDays: 30 }],
    ["access for good", {}],
  ])("writes exactly the rows the general path writes (%s)", async (_title, terms) => {
    const fast = await pendingStripeOrderScenario(terms);
    const general = await pendingStripeOrderScenario(terms);
    const fastEvent = paidEvent(fast);
    const generalEvent = paidEvent(general);

    const applied = await applyPaidCheckout(fastEvent as never, serialiseEvent(fastEvent));
    const reference = await processEvent(
      stripeEventToProcess(generalEvent as never, generalEvent as never),
    );

    expect(applied).toEqual({
      outcome: "PROCESSED",
      purchaseId: fast.purchaseId,
      duplicate: false,
    });
    expect(reference).toMatchObject({
      outcome: "PROCESSED",
      purchaseId: general.purchaseId,
      duplicate: false,
    });
    const fastRows = await effects(fast, fastEvent);
    const generalRows = await effects(general, generalEvent);
    expect(fastRows.purchase.status).toBe("SUCCEEDED");
    expect(fastRows.trail).toHaveLength(1);
    expect(fastRows).toEqual(generalRows);
  });

  it("writes exactly the rows the general path writes (a monthly offering paid once)", async () => {
    const [fast, general] = [
      await pendingStripeOrderScenario(),
      await pendingStripeOrderScenario(),
    ];
    await db.offering.updateMany({
      where: { id: { in: [fast.offering.id, general.offering.id] } },
      data: { pricingType: "MONTHLY" },
    });
    const [fastEvent, generalEvent] = [paidEvent(fast), paidEvent(general)];

    expect(await applyPaidCheckout(fastEvent as never, serialiseEvent(fastEvent))).toMatchObject({
      outcome: "PROCESSED",
      duplicate: false,
    });
    await processEvent(stripeEventToProcess(generalEvent as never, generalEvent as never));

    const fastRows = await effects(fast, fastEvent);
    expect(fastRows.purchase.expiresAfterGrant).toBeGreaterThanOrEqual(28 * 24 * 60 * 60 * 1000);
    expect(fastRows).toEqual(await effects(general, generalEvent));
  });

  it("answers a copy with the first outcome and writes nothing", async () => {
    const scenario = await pendingStripeOrderScenario();
    const event = paidEvent(scenario);
    await applyPaidCheckout(event as never, serialiseEvent(event));
    const before = await rowSnapshot();

    const copy = await applyPaidCheckout(event as never, serialiseEvent(event));

    expect(copy).toEqual({
      outcome: "PROCESSED",
      purchaseId: scenario.purchaseId,
      duplicate: true,
    });
    expect(await rowSnapshot()).toEqual(before);
  });

  it.each([
    [
      "another amount",
      async () => {
        const scenario = await pendingStripeOrderScenario();
        return paidEvent(scenario, { amount: 1 });
      },
    ],
    [
      "another currency",
      async () => {
        const scenario = await pendingStripeOrderScenario();
        return paidEvent(scenario, { currency: "eur" });
      },
    ],
    [
      "an order nobody made",
      async () => {
        const scenario = await pendingStripeOrderScenario();
        return paidEvent({
          ...scenario,
          orderId: "order_unknown",
          metadata: { ...scenario.metadata, orderId: "order_unknown" },
        });
      },
    ],
    [
      "an order of another offering than the session's",
      async () => {
        const scenario = await pendingStripeOrderScenario();
        return paidEvent(scenario, {
          metadata: { ...scenario.metadata, offeringId: "offering_other" },
        });
      },
    ],
    [
      "a referred purchase (commissions are the general path's)",
      async () => {
        const scenario = await pendingStripeOrderScenario();
        const referrer = await makeUser();
        await db.purchase.update({
          where: { id: scenario.purchaseId },
          data: { referrerId: referrer.id },
        });
        return paidEvent(scenario);
      },
    ],
    [
      "a purchase that is no longer pending",
      async () => {
        const scenario = await pendingStripeOrderScenario();
        await db.purchase.update({
          where: { id: scenario.purchaseId },
          data: { status: "REFUNDED" },
        });
        return paidEvent(scenario);
      },
    ],
    [
      "an unpaid session (a delayed method)",
      async () => {
        const scenario = await pendingStripeOrderScenario();
        return paidEvent(scenario, { paymentStatus: "unpaid" });
      },
    ],
  ])("leaves %s to the general path, having written nothing", async (_title, makeEvent) => {
    const event = await makeEvent();
    const before = await rowSnapshot();

    expect(await applyPaidCheckout(event as never, serialiseEvent(event))).toBeNull();
    expect(await rowSnapshot()).toEqual(before);
  });

  it("leaves an event that failed before to the general path, which tries it again", async () => {
    const scenario = await pendingStripeOrderScenario();
    const wrong = paidEvent(scenario, { amount: 1 });
    expect((await deliverStripeEvent(wrong)).status).toBe(422);
    const before = await rowSnapshot();

    expect(await applyPaidCheckout(wrong as never, serialiseEvent(wrong))).toBeNull();
    expect(await rowSnapshot()).toEqual(before);
    expect((await deliverStripeEvent(wrong)).status).toBe(422);
    const [recorded] = await db.processedEvent.findMany({ where: { providerEventId: wrong.id } });
    expect([recorded.outcome, recorded.error, recorded.attempts]).toEqual([
      "FAILED",
      "amount_mismatch",
      2,
    ]);
  });

  it("grants once when 20 copies and the async success of the same order arrive together", async () => {
    const scenario = await pendingStripeOrderScenario();
    const completed = paidEvent(scenario);
    const settled = stripeEvent("checkout.session.async_payment_succeeded", completed.data.object);

    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () => deliverStripeEvent(completed)),
      deliverStripeEvent(settled),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(answers.filter((answer) => answer.body.duplicate === false)).toHaveLength(2);
    const rows = await purchaseRows(scenario.purchaseId);
    expect([rows.purchase.status, rows.grants, rows.memberships.length]).toEqual([
      "SUCCEEDED",
      1,
      1,
    ]);
    expect(rows.events.map((row) => row.outcome)).toEqual(["PROCESSED", "PROCESSED"]);
  });
});
