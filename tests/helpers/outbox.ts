/**
 * The outbox as the tests see it: the messages a change wrote (by what their subject names),
 * dispatching everything waiting, and a channel of the test's own whose answers it decides.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type {
  AttemptOutcome,
  Channel,
  ClaimedDelivery,
  OutboxChannelName,
} from "@/lib/notifications/channel";
import { dispatchMessages } from "@/lib/notifications/dispatch-messages";

export type StoredMessage = {
  id: string;
  type: string;
  version: number;
  dedupeKey: string;
  subject: Record<string, unknown>;
  data: Record<string, unknown> | null;
  createdAt: Date;
  dispatchedAt: Date | null;
};

/** The messages whose subject holds every field of `about` (all of them without it), oldest first. */
export async function outboxMessages(about: Record<string, unknown> = {}) {
  return db.$queryRaw<StoredMessage[]>`
    SELECT id, type, version, "dedupeKey", subject, data, "createdAt", "dispatchedAt"
    FROM "OutboxMessage" WHERE subject @> ${JSON.stringify(about)}::jsonb
    ORDER BY "createdAt", type, id`;
}

/** Their types, sorted: what a change reported, whatever the order within one transaction. */
export async function outboxTypes(about: Record<string, unknown> = {}) {
  return (await outboxMessages(about)).map((message) => message.type).sort();
}

/** Dispatches until nothing is left; returns how many messages it took. */
export async function dispatchAll(channels: readonly Channel[] = []) {
  let total = 0;
  for (;;) {
    const taken = await dispatchMessages({ channels });
    if (taken === 0) return total;
    total += taken;
  }
}

export type TestChannel = Channel & { calls: ClaimedDelivery[] };

/**
 * A channel that plans one delivery per message (an email to `recipient`, or the webhook
 * endpoint given) and answers each attempt with `respond` (success by default), recording it.
 */
export function testChannel(
  options: {
    name?: OutboxChannelName;
    endpointId?: string;
    recipient?: string;
    respond?: (
      delivery: ClaimedDelivery,
    ) => Partial<AttemptOutcome> | Promise<Partial<AttemptOutcome>>;
  } = {},
): TestChannel {
  const {
    name = "EMAIL",
    recipient = "buyer@example.com",
    respond = () => ({ ok: true }),
  } = options;
  const calls: ClaimedDelivery[] = [];
  return {
    name,
    calls,
    plan: async () =>
      name === "WEBHOOK"
        ? [{ channel: "WEBHOOK" as const, endpointId: options.endpointId ?? "" }]
        : [{ channel: "EMAIL" as const, recipient, template: "test" }],
    deliver: async (delivery) => {
      calls.push(delivery);
      const outcome = await respond(delivery);
      return { ok: false, requestId: `req_${randomUUID()}`, latencyMs: 1, ...outcome };
    },
  };
}

/** A webhook endpoint row for deliveries to point at (the webhook channel's own table). */
export function makeEndpoint(url = "http://127.0.0.1:9/hook") {
  return db.webhookEndpoint.create({
    data: { url, secret: "encrypted-test-secret", eventTypes: [] },
  });
}
