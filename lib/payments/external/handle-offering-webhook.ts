import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { parseJson } from "@/lib/http/read-body";
import { verifyWebhookSecret } from "@/lib/offerings/verify-webhook-secret";
import { findWebhookPurchase } from "@/lib/payments/external/find-webhook-purchase";
import { offeringWebhookBody, type OfferingWebhookBody } from "@/lib/payments/external/schemas";
import { processEvent, type EventResult } from "@/lib/payments/process-event";
import { completePurchase } from "@/lib/purchases/complete-purchase";
import { failPurchase } from "@/lib/purchases/fail-purchase";
import { refundPurchase } from "@/lib/purchases/refund-purchase";
import type { Tx } from "@/lib/db";

export const OFFERING_WEBHOOK_MAX_BYTES = 64 * 1024;

export type HandleOfferingWebhookOptions = {
  offeringId: string;
  secret: string | null;
  rawBody: string;
};

/**
 * One delivery of the generic provider webhook: verify the secret, validate the body, and apply
 * it exactly once. The event key is the provider's payment id (else a hash of the body) with the
 * status, so a refund of a payment is a new event while a repeated success is not.
 */
export async function handleOfferingWebhook({
  offeringId,
  secret,
  rawBody,
}: HandleOfferingWebhookOptions) {
  await verifyWebhookSecret({ offeringId, secret });
  const body = offeringWebhookBody.parse(parseJson(rawBody));
  const paymentId = body.external_payment_id ?? body.payment_id;
  const paymentKey =
    paymentId ?? `body-sha256:${createHash("sha256").update(JSON.stringify(body)).digest("hex")}`;

  const result = await processEvent({
    provider: "external",
    eventId: `${offeringId}:${body.status}:${paymentKey}`,
    type: `payment.${body.status}`,
    payload: { offeringId, ...body },
    handle: (tx, event) => applyStatus(tx, offeringId, body, paymentId, event.recordId),
  });
  const summary = { received: true as const, duplicate: result.duplicate, status: body.status };
  // Kept as a failed event, so that a redelivery after the owner verifies the address applies it.
  if (result.error === "email_unverified") {
    return {
      ...summary,
      outcome: "unclaimed",
      purchase_id: null,
      message: String(result.details?.message),
    };
  }
  throwIfRejected(result);
  return {
    ...summary,
    outcome: result.outcome.toLowerCase(),
    purchase_id: result.purchaseId ?? null,
  };
}

async function applyStatus(
  tx: Tx,
  offeringId: string,
  body: OfferingWebhookBody,
  paymentId: string | undefined,
  eventRecordId: string,
): Promise<EventResult> {
  const match = await findWebhookPurchase(tx, offeringId, body);
  if ("error" in match)
    return { outcome: "FAILED", error: match.error, details: { message: match.message } };
  const { purchaseId } = match;
  const cause = `external webhook: ${body.status}`;
  switch (body.status) {
    case "succeeded":
      return completePurchase(tx, {
        purchaseId,
        payment: { amount: body.amount, currency: body.currency, providerCaptureId: paymentId },
        cause,
        eventRecordId,
      });
    case "failed":
      return failPurchase(tx, purchaseId);
    case "refunded":
      return refundPurchase(tx, { purchaseId, cause, eventRecordId });
  }
}

function throwIfRejected(result: EventResult) {
  if (result.outcome !== "FAILED") return;
  const details = { ...result.details, purchase_id: result.purchaseId ?? null };
  switch (result.error) {
    case "amount_mismatch":
      throw new AppError(
        "amount_mismatch",
        "The amount or currency does not match the order; nothing was granted.",
        details,
      );
    case "user_mismatch":
      throw new AppError("validation_failed", "The purchase belongs to another user.", details);
    case "purchase_not_found":
    case "user_not_found":
      throw new AppError(
        "not_found",
        String(result.details?.message ?? "No matching purchase."),
        details,
      );
    default:
      throw new AppError("conflict", `The event could not be applied (${result.error}).`, details);
  }
}
