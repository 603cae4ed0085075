/**
 * Replay (Admin → Webhooks, a delivery log's button): the same message, frozen payload and id
 * included, goes to the destination once more, at once. The delivery becomes PENDING and due
 * now, whatever it was (delivered, dead, canceled, waiting for a retry); its attempts keep
 * counting, so the log shows the replay as the next attempt. A replay that fails is retried while
 * the schedule has attempts left, else it is dead again. A message never delivered to an endpoint
 * (added after the message, or filtering it out then) gets a new delivery to it. A delivery a
 * worker is sending right now, or one to an endpoint that is off, is refused (409).
 */
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Target = { deliveryId: string } | { messageId: string; endpointId: string };

/** `actorId`: the admin who asked, for the audit log (none when a job or a test replays). */
export type ReplayDeliveryOptions = Target & { actorId?: string; now?: Date };

export type ReplayedDelivery = { deliveryId: string; messageId: string; before: string | null };

export async function replayDelivery(options: ReplayDeliveryOptions): Promise<ReplayedDelivery> {
  const now = options.now ?? new Date();
  const replayed = await db.$transaction(async (tx) => {
    const result =
      "deliveryId" in options
        ? await replayExisting(tx, options.deliveryId, now)
        : await replayToEndpoint(tx, options.messageId, options.endpointId, now);
    if (options.actorId) {
      await recordAudit(tx, {
        actorId: options.actorId,
        action: "outbox.replay",
        subject: result.messageId,
        details: { deliveryId: result.deliveryId, before: result.before },
      });
    }
    return result;
  });
  // The workers wake at once rather than at their next poll.
  await db.$executeRaw`SELECT pg_notify('outbox', '')`;
  return replayed;
}

/** The name Admin → Webhooks' Replay button calls it by. */
export const replayMessage = replayDelivery;

const replay = (now: Date) => ({
  status: "PENDING" as const,
  nextAttemptAt: now,
  lockedUntil: null,
  lastError: null,
});

async function replayExisting(
  tx: Prisma.TransactionClient,
  deliveryId: string,
  now: Date,
): Promise<ReplayedDelivery> {
  await tx.$executeRaw`SELECT 1 FROM "OutboxDelivery" WHERE id = ${deliveryId} FOR UPDATE`;
  const delivery = await tx.outboxDelivery.findUnique({
    where: { id: deliveryId },
    select: {
      status: true,
      lockedUntil: true,
      messageId: true,
      endpoint: { select: { enabled: true } },
    },
  });
  if (!delivery) throw new AppError("not_found", "No delivery has this id.");
  if (delivery.status === "PENDING" && delivery.lockedUntil && delivery.lockedUntil > now)
    throw new AppError("conflict", "This delivery is being sent right now; replay it after.");
  if (delivery.endpoint && !delivery.endpoint.enabled)
    throw new AppError("conflict", "The endpoint is off: turn it on to replay to it.");
  await tx.outboxDelivery.update({ where: { id: deliveryId }, data: replay(now) });
  return { deliveryId, messageId: delivery.messageId, before: delivery.status };
}

async function replayToEndpoint(
  tx: Prisma.TransactionClient,
  messageId: string,
  endpointId: string,
  now: Date,
): Promise<ReplayedDelivery> {
  const [message, endpoint] = await Promise.all([
    tx.outboxMessage.findUnique({ where: { id: messageId }, select: { dispatchedAt: true } }),
    tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { enabled: true } }),
  ]);
  if (!message) throw new AppError("not_found", "No message has this id.");
  if (!endpoint) throw new AppError("not_found", "No webhook endpoint has this id.");
  if (!endpoint.enabled)
    throw new AppError("conflict", "The endpoint is off: turn it on to replay to it.");
  if (!message.dispatchedAt)
    throw new AppError("conflict", "This message is not dispatched yet; it will be sent soon.");
  const existing = await tx.outboxDelivery.findUnique({
    where: { messageId_endpointId: { messageId, endpointId } },
    select: { id: true },
  });
  if (existing) return replayExisting(tx, existing.id, now);
  const created = await tx.outboxDelivery.create({
    data: { messageId, endpointId, channel: "WEBHOOK", ...replay(now) },
    select: { id: true },
  });
  return { deliveryId: created.id, messageId, before: null };
}
