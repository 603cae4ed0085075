/**
 * One HTTP POST to a receiver, through request-filtering-agent: the agent checks the address
 * every connection actually goes to (after DNS, so a name rebound to 127.0.0.1 is refused too),
 * and refuses an IP literal before any packet leaves. Node's http/https request is used because
 * fetch ignores agents. Redirects are not followed: a 3xx is a failed attempt like any non-2xx.
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { toStorableText } from "@/lib/http/storable-text";
import type { UrlPolicy } from "@/lib/notifications/webhooks/url-policy";

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** The part of an answer kept in the delivery log. */
export const RESPONSE_EXCERPT_BYTES = 4096;
/** Past this much of an answer the connection is dropped: nobody reads more. */
const RESPONSE_READ_LIMIT_BYTES = 256 * 1024;

/**
 * Connections are kept open between deliveries to the same receiver (a burst to one endpoint
 * reuses a few sockets instead of a handshake each). The address check runs when a connection is
 * made, so a kept socket is one already checked; an idle one closes after 4 s, under the 5 s idle
 * timeout of Node's own servers, so a receiver rarely closes one we are about to use.
 */
const keepAlive = { keepAlive: true, maxSockets: 32, timeout: 4_000 };
const agents = {
  strict: {
    http: new RequestFilteringHttpAgent(keepAlive),
    https: new RequestFilteringHttpsAgent(keepAlive),
  },
  allowPrivate: {
    http: new RequestFilteringHttpAgent({ ...keepAlive, allowPrivateIPAddress: true }),
    https: new RequestFilteringHttpsAgent({ ...keepAlive, allowPrivateIPAddress: true }),
  },
};

export type PostWebhookOptions = {
  url: string;
  body: string;
  headers: Record<string, string>;
  policy: UrlPolicy;
  timeoutMs?: number;
  /** The address lookup the connection uses (DNS unless a test gives another). */
  lookup?: LookupFunction;
};

export type PostWebhookResult = {
  status?: number;
  error?: string;
  latencyMs: number;
  responseExcerpt?: string;
};

/** Sends the request and reads the answer; never throws: a failure is a result with an error. */
export function postWebhook(options: PostWebhookOptions): Promise<PostWebhookResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      resolve({ error: "The endpoint URL is not valid.", latencyMs: 0 });
      return;
    }
    if (url.protocol !== "https:" && (url.protocol !== "http:" || !options.policy.allowPrivate)) {
      resolve({ error: "Refused: endpoint URLs must use https.", latencyMs: 0 });
      return;
    }
    const pool = options.policy.allowPrivate ? agents.allowPrivate : agents.strict;
    const client = url.protocol === "https:" ? https : http;
    const agent = url.protocol === "https:" ? pool.https : pool.http;
    const request = client.request(url, {
      method: "POST",
      agent,
      lookup: options.lookup,
      headers: { ...options.headers, "content-length": String(Buffer.byteLength(options.body)) },
    });
    const timeout = new TimeoutError(`No complete answer within ${timeoutMs / 1000} s.`);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(timeout);
    }, timeoutMs);
    const finish = (result: Omit<PostWebhookResult, "latencyMs">) => {
      clearTimeout(timer);
      resolve({ ...result, latencyMs: elapsed() });
    };
    request.on("error", (error) => finish({ error: describeNetworkError(error) }));
    request.on("response", (response) => {
      const kept: Buffer[] = [];
      let keptBytes = 0;
      let readBytes = 0;
      const excerpt = () =>
        keptBytes > 0 ? toStorableText(Buffer.concat(kept).toString("utf8")) : undefined;
      response.on("data", (chunk: Buffer) => {
        readBytes += chunk.length;
        if (keptBytes < RESPONSE_EXCERPT_BYTES) {
          const part = chunk.subarray(0, RESPONSE_EXCERPT_BYTES - keptBytes);
          kept.push(part);
          keptBytes += part.length;
        }
        if (readBytes > RESPONSE_READ_LIMIT_BYTES) response.destroy();
      });
      // An answer cut short (too long, or the receiver closed) still counts, unless time ran out.
      const answered = () =>
        finish({
          status: response.statusCode,
          responseExcerpt: excerpt(),
          ...(timedOut ? { error: timeout.message } : {}),
        });
      response.on("end", answered);
      response.on("close", answered);
    });
    request.end(options.body);
  });
}

class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** The network's reason in words an admin can act on. */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return "Unknown network error.";
  if (error.name === "TimeoutError") return error.message;
  if (/is not allowed\. Because/.test(error.message)) {
    const address = /DNS lookup (\S+?)\(/.exec(error.message)?.[1] ?? "the address";
    return `Refused: ${address} is a loopback, private, link-local or reserved address (OUTGOING_WEBHOOKS_ALLOW_PRIVATE is off).`;
  }
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ECONNREFUSED":
      return "The connection was refused.";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "The host name does not resolve.";
    case "ECONNRESET":
      return "The connection was closed before an answer came.";
    default:
      return code ? `${code}: ${error.message}` : error.message;
  }
}
