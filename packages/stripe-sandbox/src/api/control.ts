/**
 * `/_sandbox/*`: switches and inspection for tests, not part of Stripe's API and so without
 * auth. Change how webhooks are delivered, release held events, list delivery attempts,
 * resend an event, point deliveries at another URL, read and advance the sandbox's clock:
 *
 * - `GET /_sandbox/clock` → `{ now, offsetSeconds }` (Unix seconds; offset from real time).
 * - `POST /_sandbox/clock/advance` with JSON `{ "seconds": n }` or `{ "to": unixSeconds }`
 *   runs everything that falls due on the way (renewals, retries, cancellations at period end,
 *   session expiry), then answers `{ now, offsetSeconds, renewals, failures, canceled }`. The
 *   events are queued for delivery by then. Going backwards is refused with 400.
 */
import { z } from "zod";
import { advanceClockBy, advanceClockTo, ClockError, readClock } from "../billing/clock";
import type { SandboxContext } from "../context";
import { faultModeSchema } from "./faults";
import { jsonResponse, type SandboxRequest, type SandboxResponse } from "../pages/responses";

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

const advanceSchema = z.union([
  z.object({ seconds: z.number().int().min(0) }).strict(),
  z.object({ to: z.number().int() }).strict(),
]);

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
  if (path === "/_sandbox/faults" && request.method === "GET") {
    return jsonResponse(200, context.faults);
  }
  if (path === "/_sandbox/faults" && post) {
    const parsed = faultModeSchema.safeParse(parseJson(request.body));
    if (!parsed.success) return badRequest(z.prettifyError(parsed.error));
    context.faults = { ...context.faults, ...parsed.data };
    return jsonResponse(200, context.faults);
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
  if (path === "/_sandbox/clock" && request.method === "GET") {
    return jsonResponse(200, readClock(context));
  }
  if (path === "/_sandbox/clock/advance" && post) {
    const parsed = advanceSchema.safeParse(parseJson(request.body));
    if (!parsed.success) {
      return badRequest('Send { "seconds": n } (n ≥ 0) or { "to": unixSeconds }.');
    }
    try {
      const body = parsed.data;
      const summary =
        "seconds" in body
          ? advanceClockBy(context, body.seconds)
          : advanceClockTo(context, body.to);
      return jsonResponse(200, summary);
    } catch (error) {
      if (error instanceof ClockError) return badRequest(error.message);
      throw error;
    }
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
