import { AppError, errorResponse } from "@/lib/errors";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { OFFERING_WEBHOOK_MAX_BYTES, handleOfferingWebhook } from "@/lib/payments/external/handle-offering-webhook";
import { recordWebhookDelivery } from "@/lib/payments/external/record-webhook-delivery";

/**
 * The offering webhook: any provider posts payment results for one offering here, in our JSON,
 * Stripe's event body or PayPal's. Every answer, refusals included, goes in the offering's
 * delivery log.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const rawBody = await readBodyWithLimit(request, OFFERING_WEBHOOK_MAX_BYTES);
    const result = await handleOfferingWebhook({ offeringId: id, headers: request.headers, rawBody });
    // 202: accepted and stored, but waiting (a buyer who has not verified the address yet).
    const status = result.outcome === "unclaimed" ? 202 : 200;
    await logDelivery({ offeringId: id, status, outcome: result.outcome, reason: "message" in result ? result.message : null, format: result.format, test: result.outcome === "test" });
    return Response.json(result, { status });
  } catch (error) {
    const response = errorResponse(error);
    const reason = error instanceof AppError ? error.message : "internal error";
    await logDelivery({ offeringId: id, status: response.status, outcome: error instanceof AppError ? error.code : "internal_error", reason });
    return response;
  }
}

/** The log must never turn an answer into an error: a failure to log is only printed. */
async function logDelivery(record: Parameters<typeof recordWebhookDelivery>[0]) {
  await recordWebhookDelivery(record).catch((error: unknown) => console.error("[webhook] could not log the delivery:", error));
}
