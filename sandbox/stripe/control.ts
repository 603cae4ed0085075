/**
 * `/_sandbox/*`: switches and inspection for tests, not part of Stripe's API and so without
 * auth. Change how webhooks are delivered, release held events, list delivery attempts,
 * resend an event, point deliveries at another URL.
 */
import { z } from "zod";
import type { SandboxContext } from "./context";
import { jsonResponse, type SandboxRequest, type SandboxResponse } from "./responses";

const deliveryModeSchema = z
  .object({
    duplicate: z.number().int().min(1).max(100),
    reorder: z.boolean(),
    delayMs: z.number().int().min(0).max(600_000),
    paused: z.boolean(),
  })
  .partial()
  .strict();

const webhookUrlSchema = z.object({ url: z.url().nullable() }).strict();

function parseJson(body: string): unknown {
  if (body.trim() === "") return {};
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function badRequest(message: string): SandboxResponse {
  return jsonResponse(400, { error: { type: "invalid_request_error", message } });
}

export function handleControl(context: SandboxContext, request: SandboxRequest): SandboxResponse {
  const webhooks = context.webhooks;
  const path = request.url.pathname.replace(/\/+$/, "");
  const post = request.method === "POST";

  if (path === "/_sandbox/delivery" && request.method === "GET") {
    return jsonResponse(200, webhooks.getMode());
  }
  if (path === "/_sandbox/delivery" && post) {
    const parsed = deliveryModeSchema.safeParse(parseJson(request.body));
    if (!parsed.success) return badRequest(z.prettifyError(parsed.error));
    return jsonResponse(200, webhooks.setMode(parsed.data));
  }
  if (path === "/_sandbox/reset-delivery-mode" && post) {
    return jsonResponse(200, webhooks.resetMode());
  }
  if (path === "/_sandbox/flush" && post) {
    return jsonResponse(200, { released: webhooks.flush() });
  }
  if (path === "/_sandbox/deliveries" && request.method === "GET") {
    return jsonResponse(200, { deliveries: webhooks.attempts });
  }
  if (path === "/_sandbox/webhook-url" && post) {
    const parsed = webhookUrlSchema.safeParse(parseJson(request.body));
    if (!parsed.success) return badRequest(z.prettifyError(parsed.error));
    webhooks.setUrl(parsed.data.url);
    return jsonResponse(200, { url: parsed.data.url });
  }
  const resend = /^\/_sandbox\/events\/([^/]+)\/resend$/.exec(path);
  if (resend && post) {
    const event = context.store.state.events[resend[1]];
    if (!event)
      return jsonResponse(404, {
        error: { type: "invalid_request_error", message: `No such event: '${resend[1]}'` },
      });
    webhooks.resend(event);
    return jsonResponse(200, { resent: event.id });
  }
  return jsonResponse(404, {
    error: {
      type: "invalid_request_error",
      message: `Unknown sandbox route: ${request.method} ${path}`,
    },
  });
}
