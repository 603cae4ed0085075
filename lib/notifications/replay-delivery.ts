/**
 * Replay (Admin → Webhooks, a delivery log's button): the same message, frozen payload and id
 * included, goes to the destination once more, at once. The delivery becomes PENDING and due
 * now, whatever it was (delivered, dead, waiting for a retry); its attempts keep counting, so
 * the log shows the replay as the next attempt. A replay that fails is retried while the
 * schedule has attempts left, else it is dead again. A message never delivered to an endpoint
 * (added after the message, or filtering it out then) gets a new delivery to it.
 */
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type ReplayDeliveryOptions =
  { deliveryId: string; now?: Date } | { messageId: string; endpointId: string; now?: Date };

export type ReplayedDelivery = { deliveryId: string; messageId: string };

export async function replayDelivery(options: ReplayDeliveryOptions): Promise<ReplayedDelivery> {
  const now = options.now ?? new Date();
  const replay = { status: "PENDING" as const, nextAttemptAt: now, lockedUntil: null };
  const replayed = await db.$transaction(async (tx) => {
    if ("deliveryId" in options) {
      const delivery = await tx.outboxDelivery.findUnique({
        where: { id: options.deliveryId },
        select: { id: true, messageId: true },
      });
      if (!delivery) throw new AppError("not_found", "No delivery has this id.");
      await tx.outboxDelivery.update({ where: { id: delivery.id }, data: replay });
      return { deliveryId: delivery.id, messageId: delivery.messageId };
    }
    const { messageId, endpointId } = options;
    const [message, endpoint] = await Promise.all([
      tx.outboxMessage.findUnique({ where: { id: messageId }, select: { dispatchedAt: true } }),
      tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true } }),
    ]);
    if (!message) throw new AppError("not_found", "No message has this id.");
    if (!endpoint) throw new AppError("not_found", "No webhook endpoint has this id.");
    if (!message.dispatchedAt)
      throw new AppError("conflict", "This message is not dispatched yet; it will be sent soon.");
    const delivery = await tx.outboxDelivery.upsert({
      where: { messageId_endpointId: { messageId, endpointId } },
      create: { messageId, endpointId, channel: "WEBHOOK", ...replay },
      update: replay,
      select: { id: true },
    });
    return { deliveryId: delivery.id, messageId };
  });
  // The workers wake at once rather than at their next poll.
  await db.$executeRaw`SELECT pg_notify('outbox', '')`;
  return replayed;
}

/** The name Admin → Webhooks' Replay button calls it by. */
export const replayMessage = replayDelivery;
