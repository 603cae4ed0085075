/**
 * For the outgoing-webhook tests: a local receiver that verifies every delivery with the
 * `standardwebhooks` library; a dispatched message made directly (its payload given, its
 * deliveries planned by the channel; the dispatcher that builds payloads is tested in
 * tests/integration/outbox/); and the outbox's own deliverer driven over what is due.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Channel } from "@/lib/notifications/channel";
import { deliverDueDeliveries } from "@/lib/notifications/deliver-due-deliveries";
import { newMessageId } from "@/lib/notifications/webhooks/insert-outbox-message";

export type ReceivedWebhook = {
  path: string;
  webhookId: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Which of the receiver's secrets verified it (their index), none when it did not verify. */
  verifiedWith: number[];
};

export type Receiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Changes the secrets deliveries are verified with. */
  setSecrets(secrets: string[]): void;
  close(): Promise<void>;
};

/**
 * Answers each delivery with `answer(attemptOfThisMessage, request)`: an HTTP status, and an
 * optional body. Attempts are counted per webhook-id, from 1.
 */
export async function startReceiver(
  answer: (attempt: number, request: ReceivedWebhook) => number | [number, string] = () => 200,
): Promise<Receiver> {
  let secrets: string[] = [];
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = incoming.headers;
    const verifiedWith = secrets.flatMap((secret, index) => {
      try {
        new Webhook(secret).verify(body, headers as Record<string, string>);
        return [index];
      } catch {
        return [];
      }
    });
    const webhookId = String(headers["webhook-id"] ?? "");
    const request = { path: incoming.url ?? "/", webhookId, headers, body, verifiedWith };
    received.push(request);
    const attempt = received.filter((each) => each.webhookId === webhookId).length;
    const answered = answer(attempt, request);
    const [status, text] = Array.isArray(answered) ? answered : [answered, `answer ${attempt}`];
    outgoing.writeHead(status, { "content-type": "text/plain" }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    setSecrets: (next) => (secrets = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The dispatcher's part: a message with its frozen payload, and the deliveries the channel plans. */
export async function dispatchMessage(
  channel: Channel,
  type: string,
  data: Prisma.InputJsonObject,
): Promise<string> {
  const id = newMessageId();
  await db.$transaction(async (tx) => {
    const message = await tx.outboxMessage.create({
      data: { id, type, dedupeKey: `test:${id}`, subject: {}, data, dispatchedAt: new Date() },
      select: { id: true, type: true, version: true, createdAt: true },
    });
    const planned = await channel.plan(tx, { ...message, data });
    for (const delivery of planned) {
      if (delivery.channel !== "WEBHOOK") continue;
      await tx.outboxDelivery.create({
        data: { messageId: id, channel: "WEBHOOK", endpointId: delivery.endpointId },
      });
    }
  });
  return id;
}

/**
 * The outbox's own deliverer, once over what is due for this channel: send, record the attempt,
 * then delivered, retried after `scheduleSeconds[attempt - 1]`, or dead when the schedule is
 * spent (or the answer final). Returns how many were sent.
 */
export async function deliverDue(channel: Channel, scheduleSeconds: number[]): Promise<number> {
  const schedule = [0, ...scheduleSeconds];
  const sent = await deliverDueDeliveries({ channels: [channel], schedule, limit: 100 });
  return sent.length;
}

/** Delivers until nothing is due any more (a schedule of zeros makes every retry due at once). */
export async function deliverUntilIdle(channel: Channel, scheduleSeconds: number[], rounds = 20) {
  for (let round = 0; round < rounds; round += 1) {
    if ((await deliverDue(channel, scheduleSeconds)) === 0) return;
  }
}
