/**
 * Outgoing webhooks against a local receiver that verifies every delivery with `standardwebhooks`:
 * retries until the receiver answers 2xx (attempts 1, 2, 3 in the log), signatures during a
 * secret rotation, 410, the check that disables an endpoint failing for its window, test events
 * and Replay. OUTGOING_WEBHOOKS_ALLOW_PRIVATE=on here: the receiver listens on 127.0.0.1.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { replayDelivery } from "@/lib/notifications/replay-delivery";
import { createEndpoint } from "@/lib/notifications/webhooks/create-endpoint";
import { disableFailingEndpoints } from "@/lib/notifications/webhooks/disable-failing-endpoints";
import { listEndpointDeliveries } from "@/lib/notifications/webhooks/list-endpoint-deliveries";
import { GONE_REASON } from "@/lib/notifications/webhooks/record-endpoint-outcome";
import { rotateEndpointSecret } from "@/lib/notifications/webhooks/rotate-endpoint-secret";
import { sendTestEvent } from "@/lib/notifications/webhooks/send-test-event";
import { webhookChannel } from "@/lib/notifications/webhooks/webhook-channel";
import { makeUser } from "../../../tooling/seed/factories";
import {
  deliverDue,
  deliverUntilIdle,
  dispatchMessage,
  startReceiver,
  type Receiver,
} from "../../helpers/outgoing-webhooks";
import { resetDatabase } from "../../helpers/reset";

vi.stubEnv("OUTGOING_WEBHOOKS_ALLOW_PRIVATE", "on");

/** Retries at once: the order and count of attempts is what is tested, not the waits. */
const schedule = [0, 0, 0, 0, 0, 0, 0, 0];
let receiver: Receiver | undefined;
let actorId = "";

async function endpointFor(
  target: Receiver,
  input: Partial<{ eventTypes: string[]; enabled: boolean }> = {},
) {
  const created = await createEndpoint({
    actorId,
    input: {
      url: target.url,
      description: "test receiver",
      eventTypes: (input.eventTypes ?? []) as never,
      enabled: input.enabled ?? true,
    },
  });
  target.setSecrets([created.secret]);
  return created;
}

beforeEach(async () => {
  await resetDatabase();
  actorId = (await makeUser({ role: "ADMIN" })).id;
});

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("delivery and retries", () => {
  it("delivers every message after two 500s, each verified, with attempts 1, 2 and 3 logged", async () => {
    receiver = await startReceiver((attempt) => (attempt <= 2 ? 500 : 200));
    const endpoint = await endpointFor(receiver);
    const types = ["purchase.completed", "access.granted", "subscription.renewed"];
    const ids = [];
    for (const type of types) {
      ids.push(await dispatchMessage(webhookChannel, type, { purchaseId: `p_${type}` }));
    }

    await deliverUntilIdle(webhookChannel, schedule);

    expect(receiver.received).toHaveLength(9);
    expect(receiver.received.every((request) => request.verifiedWith.length === 1)).toBe(true);
    for (const [index, id] of ids.entries()) {
      const copies = receiver.received.filter((request) => request.webhookId === id);
      expect(copies).toHaveLength(3);
      expect(new Set(copies.map((copy) => copy.body)).size).toBe(1); // the same bytes each time
      expect(JSON.parse(copies[0]!.body)).toMatchObject({
        id,
        type: types[index],
        version: 1,
        data: { purchaseId: `p_${types[index]}` },
      });
      expect(copies[0]!.headers["content-type"]).toBe("application/json");
    }

    const { deliveries } = await listEndpointDeliveries({ endpointId: endpoint.id });
    expect(deliveries).toHaveLength(3);
    for (const delivery of deliveries) {
      expect(delivery.status).toBe("DELIVERED");
      expect(delivery.attemptLog.map((attempt) => attempt.number)).toEqual([1, 2, 3]);
      expect(delivery.attemptLog.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
      expect(delivery.attemptLog.map((attempt) => attempt.responseExcerpt)).toEqual([
        "answer 1",
        "answer 2",
        "answer 3",
      ]);
      expect(new Set(delivery.attemptLog.map((attempt) => attempt.requestId)).size).toBe(3);
      expect(delivery.attemptLog[0]!.nextRetryAt).not.toBeNull();
      expect(delivery.attemptLog[2]!.nextRetryAt).toBeNull();
    }
    // Each attempt's request id reached the receiver.
    const logged = deliveries.flatMap((delivery) => delivery.attemptLog.map((a) => a.requestId));
    const sent = receiver.received.map((request) => request.headers["x-request-id"]);
    expect(new Set(sent)).toEqual(new Set(logged));
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.failingSince).toBeNull();
    expect(row.enabled).toBe(true);
  });

  it("keeps the first 4 KB of an answer and marks a delivery dead when the schedule is spent", async () => {
    receiver = await startReceiver(() => [503, "x".repeat(10_000)]);
    const endpoint = await endpointFor(receiver);
    await dispatchMessage(webhookChannel, "purchase.completed", { purchaseId: "p1" });

    await deliverUntilIdle(webhookChannel, [0, 0]);

    const { deliveries } = await listEndpointDeliveries({ endpointId: endpoint.id });
    expect(deliveries[0]!.status).toBe("DEAD");
    expect(deliveries[0]!.attemptLog).toHaveLength(3);
    expect(deliveries[0]!.attemptLog[0]!.responseExcerpt).toHaveLength(4096);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.failingSince).not.toBeNull();
  });

  it("sends a type only to enabled endpoints whose filter takes it, and internal types to none", async () => {
    receiver = await startReceiver();
    const all = await endpointFor(receiver);
    const purchases = await endpointFor(receiver, { eventTypes: ["purchase.completed"] });
    await endpointFor(receiver, { enabled: false });

    await dispatchMessage(webhookChannel, "purchase.completed", {});
    await dispatchMessage(webhookChannel, "access.granted", {});
    await dispatchMessage(webhookChannel, "endpoint.disabled", {});

    const planned = await db.outboxDelivery.findMany({
      select: { endpointId: true, message: { select: { type: true } } },
    });
    const to = (endpointId: string) =>
      planned.filter((row) => row.endpointId === endpointId).map((row) => row.message.type);
    expect(to(all.id).sort()).toEqual(["access.granted", "purchase.completed"]);
    expect(to(purchases.id)).toEqual(["purchase.completed"]);
    expect(planned).toHaveLength(3);
  });
});

describe("signatures", () => {
  it("signs with both secrets for 24 hours after a rotation, then with the new one alone", async () => {
    receiver = await startReceiver();
    const endpoint = await endpointFor(receiver);
    const rotated = await rotateEndpointSecret({ endpointId: endpoint.id, actorId });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    receiver.setSecrets([endpoint.secret, rotated.secret]);

    await dispatchMessage(webhookChannel, "purchase.completed", {});
    await deliverDue(webhookChannel, schedule);
    expect(receiver.received[0]!.verifiedWith).toEqual([0, 1]);
    expect(String(receiver.received[0]!.headers["webhook-signature"]).split(" ")).toHaveLength(2);

    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
    });
    await dispatchMessage(webhookChannel, "purchase.completed", {});
    await deliverDue(webhookChannel, schedule);
    expect(receiver.received[1]!.verifiedWith).toEqual([1]);
    expect(String(receiver.received[1]!.headers["webhook-signature"]).split(" ")).toHaveLength(1);
  });
});

describe("disabling", () => {
  it("turns an endpoint off at its first 410, cancels what waits for it and tells the admins", async () => {
    receiver = await startReceiver(() => 410);
    const endpoint = await endpointFor(receiver);
    const first = await dispatchMessage(webhookChannel, "purchase.completed", {});
    await dispatchMessage(webhookChannel, "access.granted", {});
    await db.outboxDelivery.updateMany({
      where: { message: { type: "access.granted" } },
      data: { nextAttemptAt: new Date(Date.now() + 60_000) },
    });

    await deliverUntilIdle(webhookChannel, schedule);

    expect(receiver.received.map((request) => request.webhookId)).toEqual([first]);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row).toMatchObject({ enabled: false, disabledReason: GONE_REASON });
    const { deliveries } = await listEndpointDeliveries({ endpointId: endpoint.id });
    expect(deliveries.map((delivery) => [delivery.message.type, delivery.status]).sort()).toEqual([
      ["access.granted", "CANCELED"],
      ["purchase.completed", "DEAD"],
    ]);
    const notices = await db.outboxMessage.findMany({ where: { type: "endpoint.disabled" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toMatchObject({ endpointId: endpoint.id, reason: GONE_REASON });
    // Disabled: new messages plan no delivery to it.
    await dispatchMessage(webhookChannel, "purchase.completed", {});
    expect(await db.outboxDelivery.count({ where: { endpointId: endpoint.id } })).toBe(2);
  });

  it("disables an endpoint whose every attempt failed for its window, once, and not one that recovered", async () => {
    receiver = await startReceiver((attempt, request) =>
      request.path.endsWith("/recovers") && attempt > 1 ? 200 : 500,
    );
    const failing = await endpointFor(receiver);
    const recovering = await createEndpoint({
      actorId,
      input: { url: `${receiver.url}/recovers`, description: "", eventTypes: [], enabled: true },
    });
    await dispatchMessage(webhookChannel, "purchase.completed", {});
    await deliverUntilIdle(webhookChannel, [0]);

    const rows = await db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => row.failingSince === null)).toEqual([false, true]);

    const window = { failingForMs: 60_000 };
    expect(await disableFailingEndpoints({ ...window, now: new Date() })).toEqual({ disabled: [] });
    const later = new Date(Date.now() + 61_000);
    expect(await disableFailingEndpoints({ ...window, now: later })).toEqual({
      disabled: [failing.id],
    });
    expect(await disableFailingEndpoints({ ...window, now: later })).toEqual({ disabled: [] });

    const after = await db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" } });
    expect(after.map((row) => [row.id, row.enabled])).toEqual([
      [failing.id, false],
      [recovering.id, true],
    ]);
    expect(after[0]!.disabledReason).toMatch(/^Every attempt has failed since /);
    const notices = await db.outboxMessage.findMany({ where: { type: "endpoint.disabled" } });
    expect(notices.map((notice) => notice.subject)).toEqual([
      expect.objectContaining({ endpointId: failing.id }),
    ]);
  });
});

describe("test events and replay", () => {
  it("sends a test event to one endpoint only, signed like any message", async () => {
    receiver = await startReceiver();
    await endpointFor(receiver);
    const endpoint = await endpointFor(receiver);
    const { messageId } = await sendTestEvent({ endpointId: endpoint.id, actorId });

    await deliverDue(webhookChannel, schedule);

    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.webhookId).toBe(messageId);
    expect(receiver.received[0]!.verifiedWith).toEqual([0]);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: "webhook.test" });
  });

  it("replays a delivered message: the same body and webhook-id again, a new attempt logged", async () => {
    receiver = await startReceiver();
    const endpoint = await endpointFor(receiver);
    const id = await dispatchMessage(webhookChannel, "purchase.completed", { purchaseId: "p1" });
    await deliverDue(webhookChannel, schedule);
    const [delivery] = (await listEndpointDeliveries({ endpointId: endpoint.id })).deliveries;

    await expect(replayDelivery({ deliveryId: delivery!.id, actorId })).resolves.toMatchObject({
      before: "DELIVERED",
    });
    await deliverDue(webhookChannel, schedule);

    expect(receiver.received.map((request) => request.webhookId)).toEqual([id, id]);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    const [replayed] = (await listEndpointDeliveries({ endpointId: endpoint.id })).deliveries;
    expect(replayed!.status).toBe("DELIVERED");
    expect(replayed!.attemptLog.map((attempt) => [attempt.number, attempt.status])).toEqual([
      [1, 200],
      [2, 200],
    ]);
    expect(await db.auditEntry.count({ where: { action: "outbox.replay", subject: id } })).toBe(1);
  });
});
