/** Retention: messages past OUTBOX_RETENTION_DAYS go, with their log, once nothing is pending. */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { pruneOutbox } from "@/lib/notifications/prune-outbox";
import { resetDatabase } from "../../helpers/reset";

const now = new Date("2027-05-01T03:30:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

type Status = "PENDING" | "DELIVERED" | "DEAD" | "CANCELED";

async function message(id: string, createdAt: Date, statuses: Status[], dispatched = true) {
  await db.outboxMessage.create({
    data: {
      id,
      type: "purchase.completed",
      dedupeKey: `retention-test:${id}`,
      subject: {},
      createdAt,
      dispatchedAt: dispatched ? createdAt : null,
    },
  });
  for (const [index, status] of statuses.entries()) {
    const delivery = await db.outboxDelivery.create({
      data: {
        messageId: id,
        channel: "EMAIL",
        recipient: `buyer-${index}@example.com`,
        template: "receipt",
        status,
        attempts: 1,
      },
    });
    await db.outboxAttempt.create({
      data: { deliveryId: delivery.id, number: 1, requestId: `req_${id}_${index}`, latencyMs: 3 },
    });
  }
}

beforeEach(resetDatabase);

describe("pruneOutbox", () => {
  it("deletes old messages with nothing pending, their deliveries and attempts, and keeps the rest", async () => {
    await message("msg_old_done", daysAgo(31), ["DELIVERED", "DEAD", "CANCELED"]);
    await message("msg_old_no_deliveries", daysAgo(45), []);
    await message("msg_old_pending", daysAgo(31), ["DELIVERED", "PENDING"]);
    await message("msg_old_undispatched", daysAgo(40), [], false);
    await message("msg_recent_done", daysAgo(29), ["DELIVERED"]);

    expect(await pruneOutbox({ now, retentionDays: 30 })).toBe(2);

    const left = await db.outboxMessage.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    expect(left.map((row) => row.id)).toEqual([
      "msg_old_pending",
      "msg_old_undispatched",
      "msg_recent_done",
    ]);
    // The pruned message's deliveries and their attempts went with it.
    expect(await db.outboxDelivery.count({ where: { messageId: "msg_old_done" } })).toBe(0);
    expect(await db.outboxAttempt.count()).toBe(3);
    // A second run finds nothing more.
    expect(await pruneOutbox({ now, retentionDays: 30 })).toBe(0);
  });

  it("counts the window from OUTBOX_RETENTION_DAYS", async () => {
    await message("msg_ten_days", daysAgo(10), ["DELIVERED"]);
    expect(await pruneOutbox({ now, retentionDays: 30 })).toBe(0);
    expect(await pruneOutbox({ now, retentionDays: 7 })).toBe(1);
  });
});
