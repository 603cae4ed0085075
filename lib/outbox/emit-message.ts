/**
 * The one TypeScript writer of outbox messages, for facts no row change carries (access that
 * ended by time, a digest, an endpoint disabled, a test event). Row changes are written by the
 * outbox triggers (prisma/functions/outbox_*.sql); both go through the SQL function outbox_emit,
 * so a message is written in the caller's transaction, once per dedupe key, and wakes the workers.
 */
import type { Tx } from "@/lib/db";
import type { OutboxMessageType } from "@/lib/outbox/event-types";

export type NewMessage = {
  type: OutboxMessageType;
  /** The same fact is written once: a message with a key already written is dropped. */
  dedupeKey: string;
  /** The ids (and facts) its payload is built from when it is dispatched. */
  subject: Record<string, unknown>;
};

/** Writes the message; returns its id ("msg_…"), or null when its dedupe key was written before. */
export async function emitMessage(tx: Tx, message: NewMessage): Promise<string | null> {
  const [id] = await emitMessages(tx, [message]);
  return id;
}

/** Writes each message in one statement; returns their ids in order (null: written before). */
export async function emitMessages(tx: Tx, messages: NewMessage[]): Promise<(string | null)[]> {
  if (messages.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string | null }[]>`
    SELECT outbox_emit(m.type, m.key, m.subject::jsonb) AS id
    FROM unnest(${messages.map((m) => m.type)}::text[], ${messages.map((m) => m.dedupeKey)}::text[],
                ${messages.map((m) => JSON.stringify(m.subject))}::text[])
      WITH ORDINALITY AS m(type, key, subject, position)
    ORDER BY m.position`;
  return rows.map((row) => row.id);
}
