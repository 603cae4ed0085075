/**
 * The dispatcher: takes messages nobody has dispatched yet, builds each one's payload once from
 * its subject (lib/outbox/message-data.ts) and freezes it, asks every channel which deliveries it
 * needs (one per matching webhook endpoint, one per email), and records both with dispatchedAt,
 * in one transaction. Messages are claimed FOR UPDATE SKIP LOCKED, so several workers (several
 * app instances) never dispatch one message twice: each takes rows the others do not hold.
 */
import { db, type Tx } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { Channel, DispatchedMessage, PlannedDelivery } from "@/lib/notifications/channel";
import { outboxChannels } from "@/lib/notifications/channels";
import { loadMessageContext } from "@/lib/outbox/message-context";
import { buildMessageData, MissingSubjectError } from "@/lib/outbox/message-data";

export type DispatchMessagesOptions = {
  channels?: readonly Channel[];
  /** How many messages one call takes at most. */
  limit?: number;
  now?: Date;
};

type ClaimedMessage = { id: string; type: string; subject: unknown; createdAt: Date };
type Built = { id: string; version: number; data: Record<string, unknown> | null };
type NewDelivery = PlannedDelivery & { messageId: string };

/** Dispatches up to `limit` messages, oldest first; returns how many it took. */
export async function dispatchMessages(options: DispatchMessagesOptions = {}): Promise<number> {
  const { channels = outboxChannels, limit = 100, now = new Date() } = options;
  return db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<ClaimedMessage[]>`
      SELECT id, type, subject, "createdAt" FROM "OutboxMessage"
      WHERE "dispatchedAt" IS NULL
      ORDER BY "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    if (claimed.length === 0) return 0;

    const context = await loadMessageContext(
      tx,
      claimed.map((message) => message.subject),
    );
    const built: Built[] = [];
    const deliveries: NewDelivery[][] = [];
    for (const message of claimed) {
      const payload = buildPayload(message, context);
      built.push({ id: message.id, ...payload });
      if (!payload.data) continue;
      const { id, type, createdAt } = message;
      const dispatched: DispatchedMessage = { id, type, createdAt, ...payload, data: payload.data };
      for (const channel of channels) deliveries.push(await planFor(tx, channel, dispatched));
    }
    await recordDispatch(tx, built, deliveries.flat(), now);
    return claimed.length;
  });
}

function buildPayload(
  message: ClaimedMessage,
  context: Awaited<ReturnType<typeof loadMessageContext>>,
): Omit<Built, "id"> {
  try {
    return buildMessageData(message, context);
  } catch (error) {
    // A row it names is gone, or a subject no builder understands: nothing can be sent. The
    // message stays, dispatched without a payload or deliveries, and says why in the log.
    const reason = error instanceof MissingSubjectError ? error.message : String(error);
    logger.warn(
      { messageId: message.id, type: message.type, reason },
      "outbox message not sendable",
    );
    return { version: 1, data: null };
  }
}

async function planFor(
  tx: Tx,
  channel: Channel,
  message: DispatchedMessage,
): Promise<NewDelivery[]> {
  const planned = await channel.plan(tx, message);
  return planned.map((delivery) => ({ ...delivery, messageId: message.id }));
}

async function recordDispatch(tx: Tx, built: Built[], deliveries: NewDelivery[], now: Date) {
  if (deliveries.length > 0) {
    await tx.outboxDelivery.createMany({
      data: deliveries.map((delivery) => ({
        messageId: delivery.messageId,
        channel: delivery.channel,
        endpointId: delivery.channel === "WEBHOOK" ? delivery.endpointId : null,
        recipient: delivery.channel === "EMAIL" ? delivery.recipient : null,
        template: delivery.channel === "EMAIL" ? delivery.template : null,
        nextAttemptAt: now,
      })),
      skipDuplicates: true,
    });
    // New deliveries are due at once: wake the workers (delivered at commit).
    await tx.$executeRaw`SELECT pg_notify('outbox', '')`;
  }
  await tx.$executeRaw`
    UPDATE "OutboxMessage" m
    SET data = b.data::jsonb, version = b.version, "dispatchedAt" = ${now}
    FROM unnest(${built.map((row) => row.id)}::text[],
                ${built.map((row) => (row.data ? JSON.stringify(row.data) : null))}::text[],
                ${built.map((row) => row.version)}::int[]) AS b(id, data, version)
    WHERE m.id = b.id`;
}
