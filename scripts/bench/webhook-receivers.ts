/**
 * The healthy receivers of bench:outbox: plain node http servers on 127.0.0.1 that verify each
 * delivery with the `standardwebhooks` library (as docs/outgoing-webhooks.md's receiver does),
 * answer 204 at once, and record when it arrived, its webhook-id and what the body says.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { createEndpoint } from "@/lib/notifications/webhooks/create-endpoint";
import { makeUser } from "../../tooling/seed/factories";

export type Arrival = {
  webhookId: string;
  type: string;
  /** The body's `timestamp`: the message's createdAt (the paying transaction's now()). */
  committedAt: number;
  purchaseId: string | null;
  /** Wall clock (ms since the epoch, as the database's times) once the body was read. */
  arrivedAt: number;
  verified: boolean;
};

export type Receiver = {
  url: string;
  arrivals: Arrival[];
  setSecret(secret: string): void;
  close(): Promise<void>;
};

type Body = { type?: string; timestamp?: string; data?: { purchaseId?: string } };

function parse(body: string): Body {
  try {
    return JSON.parse(body) as Body;
  } catch {
    return {};
  }
}

export async function startReceiver(): Promise<Receiver> {
  let webhook: Webhook | null = null;
  const arrivals: Arrival[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const arrivedAt = Date.now();
    const body = Buffer.concat(chunks).toString("utf8");
    let verified = false;
    try {
      webhook?.verify(body, request.headers as Record<string, string>);
      verified = webhook !== null;
    } catch {
      verified = false;
    }
    const { type = "", timestamp = "", data } = parse(body);
    arrivals.push({
      webhookId: String(request.headers["webhook-id"] ?? ""),
      type,
      committedAt: Date.parse(timestamp),
      purchaseId: data?.purchaseId ?? null,
      arrivedAt,
      verified,
    });
    // A receiver that cannot verify refuses, so a bad signature shows as a retry too.
    response.writeHead(verified ? 204 : 400).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    arrivals,
    setSecret: (secret) => (webhook = new Webhook(secret)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The one type the bench's endpoints take: one message per purchase. */
export const BENCH_EVENT_TYPE = "purchase.completed";

/**
 * `count` receivers, and a webhook endpoint for each taking BENCH_EVENT_TYPE, made by an admin
 * through the app's use case (its URL is on 127.0.0.1: OUTGOING_WEBHOOKS_ALLOW_PRIVATE=on).
 */
export async function startReceivers(count: number): Promise<Receiver[]> {
  const admin = await makeUser({ role: "ADMIN" });
  const receivers: Receiver[] = [];
  for (let index = 0; index < count; index++) {
    const receiver = await startReceiver();
    const { secret } = await createEndpoint({
      input: {
        url: receiver.url,
        description: `bench receiver ${index + 1}`,
        eventTypes: [BENCH_EVENT_TYPE],
        enabled: true,
      },
      actorId: admin.id,
    });
    receiver.setSecret(secret);
    receivers.push(receiver);
  }
  return receivers;
}

/**
 * What the receivers got about the purchases in `purchaseIds`: the first verified arrival of each
 * webhook-id at each receiver, the repeats of a webhook-id a receiver had seen, and the arrivals
 * that did not verify.
 */
export function tally(receivers: Receiver[], purchaseIds: ReadonlySet<string>) {
  const ours = (arrival: Arrival) =>
    arrival.type === BENCH_EVENT_TYPE && purchaseIds.has(arrival.purchaseId ?? "");
  const mine = receivers.map((receiver) => receiver.arrivals.filter(ours));
  const first: Arrival[] = [];
  let duplicates = 0;
  for (const arrivals of mine) {
    const seen = new Set<string>();
    for (const arrival of arrivals) {
      if (seen.has(arrival.webhookId)) duplicates += 1;
      else if (arrival.verified) first.push(arrival);
      seen.add(arrival.webhookId);
    }
  }
  const unverified = mine.flat().filter((arrival) => !arrival.verified).length;
  return { first, duplicates, unverified };
}

/**
 * Until every receiver holds a verified delivery for each purchase, or `timeoutMs` passes;
 * resolves with how many distinct deliveries arrived.
 */
export async function waitForArrivals(
  receivers: Receiver[],
  purchaseIds: ReadonlySet<string>,
  timeoutMs: number,
): Promise<number> {
  const expected = receivers.length * purchaseIds.size;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const arrived = tally(receivers, purchaseIds).first.length;
    if (arrived >= expected || Date.now() > deadline) return arrived;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
