import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Set when `stripe.webhooks.constructEvent` accepted the delivery. */
  event: Stripe.Event | null;
  verificationError: string | null;
  /** What the receiver answered. */
  status: number;
}

/** Decides the status for a delivery, given how many times this event id arrived before. */
export type Responder = (event: Stripe.Event | null, previousDeliveries: number) => number;

const stripe = new Stripe("sk_test_webhook_receiver");

/**
 * A webhook endpoint as the app would run one: it verifies every request with the SDK's
 * `constructEvent`, records it, and answers whatever the test's responder says (200 by default).
 */
export async function startWebhookReceiver(secret: string) {
  const received: ReceivedWebhook[] = [];
  let responder: Responder = () => 200;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let event: Stripe.Event | null = null;
      let verificationError: string | null = null;
      try {
        event = stripe.webhooks.constructEvent(
          rawBody,
          String(request.headers["stripe-signature"]),
          secret,
        );
      } catch (error) {
        verificationError = error instanceof Error ? error.message : String(error);
      }
      const previous = received.filter((item) => event && item.event?.id === event.id).length;
      const status = responder(event, previous);
      received.push({ headers: request.headers, rawBody, event, verificationError, status });
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ received: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    respondWith(next: Responder) {
      responder = next;
    },
    /** Verified deliveries of one type about one object (by the object's id). */
    deliveries(type: string, objectId: string) {
      return received.filter(
        (item) =>
          item.event?.type === type && (item.event.data.object as { id?: string }).id === objectId,
      );
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
