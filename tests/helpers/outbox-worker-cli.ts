/**
 * An outbox worker in a process of its own, for tests that kill it mid-send: it runs the real
 * worker (lib/notifications/worker.ts) on DATABASE_URL, LISTENing, with one test channel that
 * POSTs each message to OUTBOX_TEST_RECEIVER (the test's HTTP receiver) with its id in
 * `webhook-id`. Prints "outbox worker ready" once started. Run under tsx.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import type { Channel } from "@/lib/notifications/channel";
import { startOutboxWorker } from "@/lib/notifications/worker";
import { messageBody } from "@/lib/outbox/catalogue";

const { OUTBOX_TEST_RECEIVER: receiver } = z
  .object({ OUTBOX_TEST_RECEIVER: z.url() })
  .parse(process.env);

const httpChannel: Channel = {
  name: "EMAIL",
  plan: async () => [{ channel: "EMAIL", recipient: "receiver", template: "http" }],
  deliver: async (delivery) => {
    const requestId = `req_${randomUUID()}`;
    const started = performance.now();
    const response = await fetch(receiver, {
      method: "POST",
      headers: { "content-type": "application/json", "webhook-id": delivery.message.id },
      body: JSON.stringify(messageBody(delivery.message)),
      signal: AbortSignal.timeout(10_000),
    });
    return {
      ok: response.ok,
      status: response.status,
      requestId,
      latencyMs: performance.now() - started,
      responseExcerpt: await response.text(),
    };
  },
};

startOutboxWorker({ channels: [httpChannel], listen: true, pollMs: 200 });
console.log("outbox worker ready");
