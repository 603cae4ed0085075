import { readProviderBody } from "@/lib/http/read-body";
import { isRecordId } from "@/lib/http/storable-text";
import { logger } from "@/lib/logger";
import { startWebhookDelivery } from "@/lib/observability/webhook-delivery";
import {
  OFFERING_WEBHOOK_MAX_BYTES,
  handleOfferingWebhook,
} from "@/lib/payments/external/handle-offering-webhook";
import { recordWebhookDelivery } from "@/lib/payments/external/record-webhook-delivery";
import { clientAddressFrom } from "@/lib/security/rate-limit";

/**
 * The offering webhook: any provider posts payment results for one offering here, in our JSON,
 * Stripe's event body or PayPal's. Every answer, refusals included, goes in the offering's
 * delivery log and writes one line to the server log.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const delivery = startWebhookDelivery("external", request);
  delivery.facts.offeringId = id;
  try {
    const rawBody = await readProviderBody(request, OFFERING_WEBHOOK_MAX_BYTES);
    const result = await handleOfferingWebhook({
      offeringId: id,
      headers: request.headers,
      rawBody,
      facts: delivery.facts,
      clientAddress: clientAddressFrom(request.headers),
    });
    // 202: accepted and stored, but waiting (a buyer who has not verified the address yet).
    const status = result.outcome === "unclaimed" ? 202 : 200;
    await logDelivery({
      offeringId: id,
      status,
      outcome: result.outcome,
      reason: "message" in result ? result.message : null,
      format: result.format,
      test: result.outcome === "test",
    });
    return delivery.succeeded(result.outcome, Response.json(result, { status }));
  } catch (error) {
    const { appError, response } = delivery.failed(error);
    // Without a database there is nowhere to record it, and trying would only delay the answer.
    if (appError.code !== "database_unavailable") {
      await logDelivery({
        offeringId: id,
        status: response.status,
        outcome: appError.code,
        reason: appError.message,
      });
    }
    return response;
  }
}

/** The seller's log must never turn an answer into an error: a failure to write it is only logged. */
async function logDelivery(record: Parameters<typeof recordWebhookDelivery>[0]) {
  if (!isRecordId(record.offeringId)) return; // no offering has it (a NUL): no log to write to
  await recordWebhookDelivery(record).catch((error: unknown) =>
    logger.warn(
      { err: error, offering_id: record.offeringId },
      "could not record the webhook delivery",
    ),
  );
}
