/**
 * The webhook channel of the outbox (lib/notifications/channel.ts): which endpoints a message
 * goes to, and one signed POST of it. The body is built from the frozen message alone, so every
 * attempt and every Replay sends the same bytes with the same webhook-id; only the timestamp and
 * signature headers are new each time.
 */
import { randomBytes } from "node:crypto";
import type {
  AttemptOutcome,
  Channel,
  ClaimedDelivery,
  DispatchedMessage,
} from "@/lib/notifications/channel";
import type { Prisma } from "@/lib/generated/prisma/client";
import { messageBody } from "@/lib/outbox/catalogue";
import { isOutboxEventType } from "@/lib/outbox/event-types";
import { postWebhook, type PostWebhookOptions } from "@/lib/notifications/webhooks/post-webhook";
import { recordEndpointOutcome } from "@/lib/notifications/webhooks/record-endpoint-outcome";
import { signingSecrets, signWebhook } from "@/lib/notifications/webhooks/signing";
import { configuredUrlPolicy, type UrlPolicy } from "@/lib/notifications/webhooks/url-policy";

const USER_AGENT = "Offerings-Webhooks/1.0";

/** The JSON receivers get: the Standard Webhooks shape, with the message's id and version. */
export function webhookBody(message: DispatchedMessage): string {
  return JSON.stringify(messageBody(message));
}

export type WebhookChannelOptions = {
  /** Read from configuration at each attempt unless given (tests). */
  policy?: () => UrlPolicy;
  timeoutMs?: number;
  lookup?: PostWebhookOptions["lookup"];
};

export function createWebhookChannel(options: WebhookChannelOptions = {}): Channel {
  const policy = options.policy ?? configuredUrlPolicy;
  return {
    name: "WEBHOOK",

    /** Enabled endpoints whose filter takes the type (empty: all); internal types go nowhere. */
    async plan(tx, message) {
      if (!isOutboxEventType(message.type)) return [];
      const endpoints = await enabledEndpoints(tx);
      return endpoints
        .filter(({ eventTypes }) => eventTypes.length === 0 || eventTypes.includes(message.type))
        .map((endpoint) => ({ channel: "WEBHOOK" as const, endpointId: endpoint.id }));
    },

    async deliver(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
      const requestId = `req_${randomBytes(12).toString("hex")}`;
      const { endpoint } = delivery;
      if (!endpoint?.enabled) {
        return {
          ok: false,
          requestId,
          error: "The endpoint is disabled.",
          latencyMs: 0,
          final: true,
        };
      }
      const body = webhookBody(delivery.message);
      const now = new Date();
      const result = await postWebhook({
        url: endpoint.url,
        body,
        headers: {
          ...signWebhook(delivery.message.id, now, body, signingSecrets(endpoint, now)),
          "content-type": "application/json",
          "user-agent": USER_AGENT,
          "x-request-id": requestId,
        },
        policy: policy(),
        timeoutMs: options.timeoutMs,
        lookup: options.lookup,
      });
      const ok =
        !result.error && result.status !== undefined && result.status < 300 && result.status >= 200;
      const gone = result.status === 410;
      await recordEndpointOutcome({
        endpointId: endpoint.id,
        ok,
        gone,
        now,
        failingSince: endpoint.failingSince,
      });
      return {
        ok,
        requestId,
        ...result,
        ...(result.error === undefined && !ok ? { error: `HTTP ${result.status}` } : {}),
        ...(gone ? { final: true } : {}),
      };
    },
  };
}

/** The channel the outbox worker uses: policy from OUTGOING_WEBHOOKS_ALLOW_PRIVATE, 10 s timeout. */
export const webhookChannel: Channel = createWebhookChannel();

type EnabledEndpoint = { id: string; eventTypes: string[] };

/**
 * The enabled endpoints, read once per dispatch transaction: the dispatcher plans a whole batch
 * of messages in one transaction, and every message of it sees the same endpoints.
 */
const endpointsByTransaction = new WeakMap<object, Promise<EnabledEndpoint[]>>();

function enabledEndpoints(tx: Prisma.TransactionClient): Promise<EnabledEndpoint[]> {
  let endpoints = endpointsByTransaction.get(tx);
  if (!endpoints) {
    endpoints = tx.webhookEndpoint.findMany({
      where: { enabled: true },
      select: { id: true, eventTypes: true },
      orderBy: { createdAt: "asc" },
    });
    endpointsByTransaction.set(tx, endpoints);
  }
  return endpoints;
}
