import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { insertOutboxMessage } from "@/lib/notifications/webhooks/insert-outbox-message";

/** The type of a test event: not in the catalogue, never sent to any other endpoint. */
export const TEST_EVENT_TYPE = "webhook.test";

export type SendTestEventOptions = { endpointId: string; actorId: string; now?: Date };

/**
 * "Send test event": a `webhook.test` message, its payload frozen at once, with one delivery,
 * to this endpoint only. It goes out through the outbox like any message (signed, retried,
 * logged), so it proves the whole path; the dispatcher skips it (it is already dispatched).
 */
export async function sendTestEvent({
  endpointId,
  actorId,
  now = new Date(),
}: SendTestEventOptions) {
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({
      where: { id: endpointId },
      select: { enabled: true },
    });
    if (!endpoint) throw new AppError("not_found", "No webhook endpoint has this id.");
    if (!endpoint.enabled) {
      throw new AppError("conflict", "The endpoint is off: turn it on to send it a test event.");
    }
    const messageId = await insertOutboxMessage(tx, {
      type: TEST_EVENT_TYPE,
      dedupeKey: `${TEST_EVENT_TYPE}:${endpointId}:${randomUUID()}`,
      subject: { endpointId },
      data: { endpointId, message: "A test event sent from Admin → Webhooks." },
      dispatchedAt: now,
    });
    if (!messageId) throw new Error("A new test event's dedupe key was already taken.");
    const delivery = await tx.outboxDelivery.create({
      data: { messageId, channel: "WEBHOOK", endpointId, nextAttemptAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "webhook_endpoint.send_test",
      subject: endpointId,
      details: { messageId },
    });
    return { messageId, deliveryId: delivery.id };
  });
}
