/**
 * The proof of "exactly once" into the outbox: 1,000 deliveries of one Stripe payment from 50
 * clients at once leave exactly one purchase.completed and one access.granted per community,
 * and the worker, running meanwhile, sends each of those messages once. The worker wakes on
 * PostgreSQL's notification, well before its poll.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startOutboxWorker, type OutboxWorker } from "@/lib/notifications/worker";
import { makeCommunity } from "../../../tooling/seed/factories";
import { forEachConcurrently } from "../../../tooling/load/run-load";
import { checkoutSession, stripeEvent } from "../../../tooling/stripe";
import { outboxTypes, testChannel } from "../../helpers/outbox";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent, pendingStripeOrderScenario } from "../../helpers/stripe-webhook";

beforeEach(resetDatabase);
let worker: OutboxWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

async function waitFor(check: () => Promise<boolean> | boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe("1,000 copies of one payment", () => {
  it("from 50 clients: one purchase.completed, one access.granted per community, each sent once", async () => {
    const scenario = await pendingStripeOrderScenario();
    const second = await makeCommunity("Second");
    await db.offeringCommunity.create({
      data: { offeringId: scenario.offering.id, communityId: second.id },
    });
    const channel = testChannel();
    // Its poll is far away: only the notification can make it quick.
    worker = startOutboxWorker({ channels: [channel], listen: true, pollMs: 60_000 });
    await sleep(500); // LISTEN is in place
    const event = stripeEvent(
      "checkout.session.completed",
      checkoutSession({ orderId: scenario.orderId }),
    );

    const statuses: number[] = [];
    await forEachConcurrently(1_000, 50, async () => {
      statuses.push((await deliverStripeEvent(event)).status);
    });

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(await outboxTypes({ purchaseId: scenario.purchaseId })).toEqual([
      "access.granted",
      "access.granted",
      "purchase.completed",
    ]);
    await waitFor(() => channel.calls.length >= 3, "three deliveries");
    await sleep(1_000); // anything more would show now
    const ids = channel.calls.map((call) => call.message.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(await db.outboxDelivery.count({ where: { status: "DELIVERED" } })).toBe(3);
  });

  it("delivers a message within 2 s of the commit, woken by the notification", async () => {
    const scenario = await pendingStripeOrderScenario();
    const channel = testChannel();
    worker = startOutboxWorker({ channels: [channel], listen: true, pollMs: 60_000 });
    await sleep(500);

    const committed = Date.now();
    await deliverStripeEvent(
      stripeEvent("checkout.session.completed", checkoutSession({ orderId: scenario.orderId })),
    );
    await waitFor(() => channel.calls.length === 2, "two deliveries", 5_000);
    expect(Date.now() - committed).toBeLessThan(2_000);

    await worker.stop();
    worker = undefined;
    // Stopped: a new message waits in the database for a worker.
    const other = await pendingStripeOrderScenario({ name: "Other" });
    await deliverStripeEvent(
      stripeEvent("checkout.session.completed", checkoutSession({ orderId: other.orderId })),
    );
    await sleep(500);
    expect(channel.calls).toHaveLength(2);
    expect(await db.outboxMessage.count({ where: { dispatchedAt: null } })).toBe(2);
  });
});
