/**
 * One webhook delivery, observed: the webhook routes start one per request, the handlers note
 * what they learn (event id and type, customer, user, purchase) in `facts`, and the answer
 * writes exactly one log line and moves the delivery metrics. Nothing here queries anything.
 */
import { randomUUID } from "node:crypto";
import {
  appErrorResponse,
  errorLogLevel,
  logsStack,
  toAppError,
  type AppError,
} from "@/lib/errors";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/observability/metrics";

export type WebhookProvider = "stripe" | "external";

/** What a handler learned about the delivery, for its log line; each as soon as it is known. */
export type WebhookFacts = {
  eventId?: string;
  eventType?: string;
  customerId?: string | null;
  userId?: string | null;
  purchaseId?: string | null;
  offeringId?: string;
  duplicate?: boolean;
};

// A caller's request id is kept only when it looks like one (no log injection, bounded size).
const REQUEST_ID = /^[\w.:-]{1,128}$/;

function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

export type WebhookDelivery = {
  readonly requestId: string;
  readonly facts: WebhookFacts;
  /** Logs the delivery as answered with `outcome`, and returns the response with the request id. */
  succeeded(outcome: string, response: Response): Response;
  /** Logs the refusal (its code is the outcome), and returns the error's JSON answer. */
  failed(error: unknown): { appError: AppError; response: Response };
};

export function startWebhookDelivery(provider: WebhookProvider, request: Request): WebhookDelivery {
  const startedAt = performance.now();
  const requestId = requestIdOf(request);
  const facts: WebhookFacts = {};

  function finish(outcome: string, status: number) {
    const seconds = (performance.now() - startedAt) / 1000;
    const type = facts.eventType ?? "unknown";
    metrics.webhookDeliveries.inc({ provider, type, outcome });
    metrics.webhookDuration.observe({ provider }, seconds);
    return {
      provider,
      event_type: facts.eventType ?? null,
      event_id: facts.eventId ?? null,
      customer_id: facts.customerId ?? null,
      user_id: facts.userId ?? null,
      purchase_id: facts.purchaseId ?? null,
      ...(facts.offeringId === undefined ? {} : { offering_id: facts.offeringId }),
      ...(facts.duplicate === undefined ? {} : { duplicate: facts.duplicate }),
      outcome,
      status,
      duration_ms: Math.round(seconds * 1000 * 10) / 10,
      request_id: requestId,
    };
  }

  return {
    requestId,
    facts,
    succeeded(outcome, response) {
      logger.info(finish(outcome, response.status), "webhook delivery");
      response.headers.set("x-request-id", requestId);
      return response;
    },
    failed(error) {
      const appError = toAppError(error);
      const line = {
        ...finish(appError.code, appError.status),
        error_code: appError.code,
        error_message: appError.message,
      };
      const level = errorLogLevel(appError);
      // A database outage's repeats keep their delivery line, at warn and without the stack.
      if (level !== "error") logger[level](line, "webhook delivery");
      else if (logsStack(appError)) logger.error({ ...line, err: error }, "webhook delivery");
      else logger.warn(line, "webhook delivery");
      return { appError, response: appErrorResponse(appError, { "x-request-id": requestId }) };
    },
  };
}
