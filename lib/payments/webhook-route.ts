/**
 * The one wrapper for provider webhooks, as route() is for the JSON API: it reads the raw body
 * (what a signature covers) within the route's size limit, writes the delivery's one log line
 * and metrics (lib/observability/webhook-delivery.ts), and maps every error to the JSON error
 * shape. A webhook for one offering also writes every answer, refusals included, to that
 * offering's delivery log, the seller's view of what their provider was told.
 */
import { readProviderBody } from "@/lib/http/read-body";
import type { RouteContext } from "@/lib/http/route";
import { isRecordId } from "@/lib/http/storable-text";
import { logger } from "@/lib/logger";
import {
  startWebhookDelivery,
  type WebhookFacts,
  type WebhookProvider,
} from "@/lib/observability/webhook-delivery";
import {
  recordWebhookDelivery,
  type WebhookDeliveryRecord,
} from "@/lib/payments/external/record-webhook-delivery";

type Params = Record<string, string>;

export type WebhookRequest<P extends Params> = {
  request: Request;
  params: P;
  rawBody: string;
  /** What the handler learns about the delivery, for its log line. */
  facts: WebhookFacts;
};

export type WebhookAnswer = {
  /** The delivery's outcome, for the log line, the metrics and the seller's log. */
  outcome: string;
  body: unknown;
  /** 200 unless said otherwise. */
  status?: number;
  /** What the seller's delivery log shows besides the status and the outcome. */
  logged?: Pick<WebhookDeliveryRecord, "format" | "reason" | "test">;
};

export type WebhookRouteOptions<P extends Params> = {
  maxBytes: number;
  /** The offering whose delivery log gets every answer (the offering webhook's `[id]`). */
  offeringOf?: (params: P) => string;
};

export function webhookRoute<P extends Params = Params>(
  provider: WebhookProvider,
  handle: (delivery: WebhookRequest<P>) => Promise<WebhookAnswer>,
  options: WebhookRouteOptions<P>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    // The Stripe route has no params; a caller may pass no context at all.
    const params = ((await context?.params) ?? {}) as P;
    const delivery = startWebhookDelivery(provider, request);
    const offeringId = options.offeringOf?.(params);
    if (offeringId !== undefined) delivery.facts.offeringId = offeringId;
    try {
      const rawBody = await readProviderBody(request, options.maxBytes);
      const answer = await handle({ request, params, rawBody, facts: delivery.facts });
      const status = answer.status ?? 200;
      if (offeringId !== undefined)
        await logDelivery({ offeringId, status, outcome: answer.outcome, ...answer.logged });
      return delivery.succeeded(answer.outcome, Response.json(answer.body, { status }));
    } catch (error) {
      const { appError, response } = delivery.failed(error);
      // Without a database there is nowhere to record it, and trying would only delay the answer.
      if (offeringId !== undefined && appError.code !== "database_unavailable") {
        await logDelivery({
          offeringId,
          status: response.status,
          outcome: appError.code,
          reason: appError.message,
        });
      }
      return response;
    }
  };
}

/** The seller's log must never turn an answer into an error: a failure to write it is only logged. */
async function logDelivery(record: WebhookDeliveryRecord) {
  if (!isRecordId(record.offeringId)) return; // no offering has it (a NUL): no log to write to
  await recordWebhookDelivery(record).catch((error: unknown) =>
    logger.warn(
      { err: error, offering_id: record.offeringId },
      "could not record the webhook delivery",
    ),
  );
}
