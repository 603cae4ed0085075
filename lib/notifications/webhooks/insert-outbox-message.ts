/**
 * Writes an OutboxMessage that is dispatched already, with its payload and its one delivery made
 * by the caller: the admin's "Send test event", which goes to one endpoint only. Every other
 * message goes through lib/outbox/emit-message.ts (outbox_emit) and the dispatcher.
 */
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type InsertOutboxMessageOptions = {
  type: string;
  /** The same fact is written once: a second insert with this key writes nothing. */
  dedupeKey: string;
  subject: Prisma.InputJsonObject;
  /** The frozen payload, for a message that needs no dispatcher to build it. */
  data?: Prisma.InputJsonObject;
  /** Set with `data` when the caller makes the message's deliveries itself. */
  dispatchedAt?: Date;
};

/** "msg_…": the webhook-id receivers dedupe on. */
export function newMessageId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}

/** The new message's id, or null when its dedupe key was already written. */
export async function insertOutboxMessage(
  tx: Tx,
  options: InsertOutboxMessageOptions,
): Promise<string | null> {
  const id = newMessageId();
  const { count } = await tx.outboxMessage.createMany({
    data: [{ id, ...options }],
    skipDuplicates: true,
  });
  return count === 1 ? id : null;
}
