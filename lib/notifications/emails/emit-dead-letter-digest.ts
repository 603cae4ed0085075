/**
 * The admins' daily digest of dead deliveries: once a day (the outbox's cron), the deliveries
 * that gave up in the last 24 hours become one `dead_letters.digest` message, which the email
 * channel sends to every admin. Its dedupeKey names the day, so a second run that day, on this
 * instance or another, writes nothing. A day with no dead delivery writes no message.
 */
import { db } from "@/lib/db";
import { emitMessage } from "@/lib/outbox/emit-message";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The digest lists this many; its total counts them all. */
const LISTED = 50;

export type EmitDeadLetterDigestOptions = { now?: Date };

export type DeadLetterDigestResult = {
  /** The message written; null when there was nothing to report or today's was already written. */
  messageId: string | null;
  total: number;
};

export async function emitDeadLetterDigest({
  now = new Date(),
}: EmitDeadLetterDigestOptions = {}): Promise<DeadLetterDigestResult> {
  const since = new Date(now.getTime() - DAY_MS);
  const where = { status: "DEAD" as const, updatedAt: { gte: since, lte: now } };
  const [total, dead] = await Promise.all([
    db.outboxDelivery.count({ where }),
    db.outboxDelivery.findMany({
      where,
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: LISTED,
      select: {
        id: true,
        messageId: true,
        channel: true,
        recipient: true,
        attempts: true,
        lastError: true,
        updatedAt: true,
        endpoint: { select: { url: true } },
        message: { select: { type: true } },
      },
    }),
  ]);
  if (total === 0) return { messageId: null, total };

  // The shape message-data.ts's deadLettersDigestData reads.
  const deliveries = dead.map((delivery) => ({
    deliveryId: delivery.id,
    messageId: delivery.messageId,
    type: delivery.message.type,
    channel: delivery.channel,
    destination: delivery.endpoint?.url ?? delivery.recipient ?? "",
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    diedAt: delivery.updatedAt.toISOString(),
  }));
  const day = now.toISOString().slice(0, 10);
  // The digest is its own subject: the dispatcher copies it into `data` as it stands.
  const subject = { day, since: since.toISOString(), until: now.toISOString(), total, deliveries };
  const messageId = await db.$transaction((tx) =>
    emitMessage(tx, {
      type: "dead_letters.digest",
      dedupeKey: `dead_letters.digest:${day}`,
      subject,
    }),
  );
  return { messageId, total };
}
