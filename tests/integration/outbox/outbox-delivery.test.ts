/**
 * The dispatcher and the deliverer, with a channel of the test's own: several dispatchers at once
 * never dispatch a message twice; a failing destination is retried on the schedule, with each
 * attempt in the log, and is dead after the last; a final answer is dead at once; a lease that
 * runs out (its worker died mid-send) lets the delivery go out again, same message; Replay sends
 * the frozen message once more.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimDueDeliveries } from "@/lib/notifications/claim-deliveries";
import { deliverDueDeliveries } from "@/lib/notifications/deliver-due-deliveries";
import { dispatchMessages } from "@/lib/notifications/dispatch-messages";
import { replayDelivery } from "@/lib/notifications/replay-delivery";
import { emitMessages } from "@/lib/outbox/emit-message";
import { dispatchAll, makeEndpoint, testChannel } from "../../helpers/outbox";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

/** `count` messages with a subject of their own (an internal type: its subject is its payload). */
async function messages(count: number) {
  return db.$transaction((tx) =>
    emitMessages(
      tx,
      Array.from({ length: count }, (_, index) => ({
        type: "endpoint.disabled" as const,
        dedupeKey: `test:${index}`,
        subject: { index },
      })),
    ),
  );
}

const attempts = (deliveryId: string) =>
  db.outboxAttempt.findMany({ where: { deliveryId }, orderBy: { number: "asc" } });

describe("the dispatcher", () => {
  it("four dispatchers at once take each of 300 messages exactly once", async () => {
    await messages(300);
    const planned: string[] = [];
    const channel = testChannel();
    const counting = {
      ...channel,
      plan: async (...args: Parameters<typeof channel.plan>) => {
        planned.push(args[1].id);
        return channel.plan(...args);
      },
    };
    const drain = async () => {
      while ((await dispatchMessages({ channels: [counting], limit: 7 })) > 0);
    };

    await Promise.all([drain(), drain(), drain(), drain()]);

    expect(planned).toHaveLength(300);
    expect(new Set(planned).size).toBe(300);
    expect(await db.outboxDelivery.count()).toBe(300);
    expect(await db.outboxMessage.count({ where: { dispatchedAt: null } })).toBe(0);
    const sample = await db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: "test:5" } });
    expect(sample.data).toEqual({ index: 5 });
  });

  it("dispatches a message whose subject is gone without deliveries, and says why", async () => {
    await db.$transaction((tx) =>
      emitMessages(tx, [
        {
          type: "purchase.completed",
          dedupeKey: "gone",
          subject: { purchaseId: "nope", userId: "nope", offeringId: "nope" },
        },
      ]),
    );
    expect(await dispatchAll([testChannel()])).toBe(1);
    const message = await db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: "gone" } });
    expect(message).toMatchObject({ data: null, dispatchedAt: expect.any(Date) });
    expect(await db.outboxDelivery.count()).toBe(0);
  });
});

describe("the deliverer", () => {
  it("retries a failing destination on the schedule, logging attempts 1, 2 and 3", async () => {
    await messages(1);
    const channel = testChannel({
      respond: (delivery) =>
        delivery.attempt < 3
          ? { ok: false, status: 500, responseExcerpt: "down" }
          : { ok: true, status: 200, responseExcerpt: "ok" },
    });
    await dispatchAll([channel]);
    const schedule = [0, 0.3, 0.3];

    expect(await deliverDueDeliveries({ channels: [channel], schedule })).toMatchObject([
      { attempt: 1, state: "PENDING" },
    ]);
    // Not due again before its wait.
    expect(await deliverDueDeliveries({ channels: [channel], schedule })).toEqual([]);
    await sleep(350);
    expect(await deliverDueDeliveries({ channels: [channel], schedule })).toMatchObject([
      { attempt: 2, state: "PENDING" },
    ]);
    await sleep(350);
    expect(await deliverDueDeliveries({ channels: [channel], schedule })).toMatchObject([
      { attempt: 3, state: "DELIVERED" },
    ]);

    const delivery = await db.outboxDelivery.findFirstOrThrow();
    expect(delivery).toMatchObject({
      status: "DELIVERED",
      attempts: 3,
      lockedUntil: null,
      lastError: null,
      deliveredAt: expect.any(Date),
    });
    const log = await attempts(delivery.id);
    expect(log.map((entry) => [entry.number, entry.status, entry.responseExcerpt])).toEqual([
      [1, 500, "down"],
      [2, 500, "down"],
      [3, 200, "ok"],
    ]);
    expect(log[0].nextRetryAt!.getTime() - log[0].createdAt.getTime()).toBeCloseTo(300, -2);
    expect(log[2].nextRetryAt).toBeNull();
    // Every attempt carried the same message: the same id and the same frozen payload.
    expect(new Set(channel.calls.map((call) => call.message.id)).size).toBe(1);
    expect(channel.calls.map((call) => call.message.data)).toEqual([
      { index: 0 },
      { index: 0 },
      { index: 0 },
    ]);
  });

  it("is dead after the last attempt, and at once on a final answer; a channel that throws fails an attempt", async () => {
    await messages(3);
    const channel = testChannel({
      respond: (delivery) => {
        const index = Number(delivery.message.data.index);
        if (index === 1) return { ok: false, status: 410, final: true };
        if (index === 2) throw new Error("socket hang up");
        return { ok: false, status: 503 };
      },
    });
    await dispatchAll([channel]);
    const schedule = [0, 0.2];

    await deliverDueDeliveries({ channels: [channel], schedule });
    await sleep(250);
    await deliverDueDeliveries({ channels: [channel], schedule });
    await sleep(250);
    expect(await deliverDueDeliveries({ channels: [channel], schedule })).toEqual([]);

    const rows = await db.outboxDelivery.findMany({
      include: { message: { select: { data: true } }, attemptLog: true },
    });
    const byIndex = new Map(
      rows.map((row) => [(row.message.data as { index: number }).index, row]),
    );
    expect(byIndex.get(0)).toMatchObject({ status: "DEAD", attempts: 2, lastError: "HTTP 503" });
    expect(byIndex.get(1)).toMatchObject({ status: "DEAD", attempts: 1, lastError: "HTTP 410" });
    expect(byIndex.get(2)).toMatchObject({
      status: "DEAD",
      attempts: 2,
      lastError: "socket hang up",
    });
    expect(byIndex.get(2)?.attemptLog[0]).toMatchObject({ error: "socket hang up", status: null });
  });

  it("keeps the first 4 KB of an answer", async () => {
    await messages(1);
    const channel = testChannel({
      respond: () => ({ ok: true, status: 200, responseExcerpt: "é".repeat(5000) }),
    });
    await dispatchAll([channel]);
    await deliverDueDeliveries({ channels: [channel], schedule: [0] });
    const [entry] = await db.outboxAttempt.findMany();
    expect(Buffer.byteLength(entry.responseExcerpt ?? "")).toBe(4096);
  });

  it("sends a delivery again when its worker's lease runs out (it died mid-send): same message", async () => {
    await messages(1);
    const channel = testChannel();
    await dispatchAll([channel]);

    // A worker takes it and dies before answering: nothing is recorded.
    const [taken] = await claimDueDeliveries({ channels: ["EMAIL"], limit: 5, leaseSeconds: 0.5 });
    expect(taken.attempt).toBe(1);
    expect(await claimDueDeliveries({ channels: ["EMAIL"], limit: 5 })).toEqual([]);
    await sleep(600);

    const [again] = await deliverDueDeliveries({ channels: [channel], schedule: [0, 1] });
    expect(again).toMatchObject({ deliveryId: taken.id, attempt: 2, state: "DELIVERED" });
    expect(channel.calls.map((call) => call.message.id)).toEqual([taken.message.id]);
  });
});

describe("replay", () => {
  it("sends a dead delivery's message once more, the same id and payload; to a new endpoint too", async () => {
    await messages(1);
    const endpoint = await makeEndpoint();
    let answer = 500;
    const channel = testChannel({
      name: "WEBHOOK",
      endpointId: endpoint.id,
      respond: () => ({ ok: answer === 200, status: answer }),
    });
    await dispatchAll([channel]);
    await deliverDueDeliveries({ channels: [channel], schedule: [0] });
    const dead = await db.outboxDelivery.findFirstOrThrow();
    expect(dead.status).toBe("DEAD");

    answer = 200;
    const replayed = await replayDelivery({ deliveryId: dead.id });
    expect(replayed).toEqual({ deliveryId: dead.id, messageId: dead.messageId, before: "DEAD" });
    expect(await deliverDueDeliveries({ channels: [channel], schedule: [0] })).toMatchObject([
      { deliveryId: dead.id, attempt: 2, state: "DELIVERED" },
    ]);
    expect((await attempts(dead.id)).map((entry) => entry.status)).toEqual([500, 200]);

    const other = await makeEndpoint("http://127.0.0.1:9/other");
    const fresh = await replayDelivery({ messageId: dead.messageId, endpointId: other.id });
    expect(fresh.deliveryId).not.toBe(dead.id);
    const [sent] = await deliverDueDeliveries({ channels: [channel], schedule: [0] });
    expect(sent).toMatchObject({ deliveryId: fresh.deliveryId, attempt: 1, state: "DELIVERED" });
    expect(new Set(channel.calls.map((call) => call.message.id))).toEqual(
      new Set([dead.messageId]),
    );
    await expect(replayDelivery({ deliveryId: "missing" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
