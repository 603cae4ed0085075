import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { applyDelivery } from "@/lib/payments/external/apply-delivery";
import { authenticateDelivery } from "@/lib/payments/external/authenticate-delivery";
import type { Delivery } from "@/lib/payments/external/delivery";
import { findWebhookPurchase } from "@/lib/payments/external/find-webhook-purchase";
import { parseDelivery } from "@/lib/payments/external/parse-delivery";
import { processEvent, type EventResult } from "@/lib/payments/process-event";

export const OFFERING_WEBHOOK_MAX_BYTES = 64 * 1024;

export type HandleOfferingWebhookOptions = { offeringId: string; headers: Headers; rawBody: string };

/**
 * One delivery to an offering's webhook, in any understood format: authenticate it, read it,
 * and apply it exactly once. The event key is the provider's payment id with the status, so a
 * refund of a payment is a new event while a repeated success is not; a delivery without a
 * payment id is keyed on the purchase it resolves to, so a repeat for that purchase is a
 * duplicate and another purchase's identical body is not.
 */
export async function handleOfferingWebhook({ offeringId, headers, rawBody }: HandleOfferingWebhookOptions) {
  const scheme = await authenticateDelivery(offeringId, headers, rawBody);
  const delivery = parseDelivery(rawBody);
  const summary = { received: true as const, format: delivery.format, authenticated_by: scheme };
  if (delivery.test) {
    return { ...summary, duplicate: false, outcome: "test", purchase_id: null, message: "Verified and received. Test deliveries change nothing." };
  }
  const offering = await db.offering.findUniqueOrThrow({
    where: { id: offeringId },
    select: { id: true, priceAmount: true, currency: true, pricingType: true },
  });
  const key = await deliveryKey(offeringId, delivery, rawBody);
  const result = await processEvent({
    provider: "external",
    eventId: key,
    type: delivery.type,
    payload: JSON.parse(rawBody),
    handle: (tx, event) =>
      delivery.status === null ? Promise.resolve({ outcome: "IGNORED" as const }) : applyDelivery(tx, offering, delivery, event.recordId),
  });
  throwIfRejected(result);
  const unclaimed = result.details?.unclaimed === true;
  return {
    ...summary,
    duplicate: result.duplicate,
    status: delivery.status,
    outcome: unclaimed ? "unclaimed" : result.outcome.toLowerCase(),
    purchase_id: result.purchaseId ?? null,
    ...(unclaimed ? { message: String(result.details?.note) } : {}),
  };
}

async function deliveryKey(offeringId: string, delivery: Delivery, rawBody: string): Promise<string> {
  const status = delivery.status ?? "ignored";
  if (delivery.paymentId) return `${offeringId}:${status}:${delivery.paymentId}`;
  const match = await db.$transaction((tx) => findWebhookPurchase(tx, offeringId, delivery));
  if ("purchaseId" in match && match.purchaseId) return `${offeringId}:${status}:purchase:${match.purchaseId}`;
  if ("purchaseId" in match && match.purchaseId === null && delivery.status === "succeeded") {
    const repeated = match.userId ? await appliedSuccessKey(offeringId, match.userId) : null;
    if (repeated) return repeated;
    throw new AppError(
      "validation_failed",
      "A payment that names no pending purchase must carry payment_id (or external_payment_id): without one, a provider's retry and a second real payment look the same, and we will not risk granting twice.",
      { field: "payment_id" },
    );
  }
  // Nothing resolves: the handler answers why, and the same body again is the same event.
  return `${offeringId}:${status}:body-sha256:${createHash("sha256").update(rawBody).digest("hex")}`;
}

/** The key a payment without id was applied under, if the buyer's newest paid purchase got one. */
async function appliedSuccessKey(offeringId: string, userId: string): Promise<string | null> {
  const paid = await db.purchase.findFirst({
    where: { userId, offeringId, status: "SUCCEEDED" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const key = paid && `${offeringId}:succeeded:purchase:${paid.id}`;
  const applied = key && (await db.processedEvent.findUnique({ where: { provider_providerEventId: { provider: "external", providerEventId: key } }, select: { id: true } }));
  return applied ? key : null;
}

function throwIfRejected(result: EventResult) {
  if (result.outcome !== "FAILED") return;
  const details = { ...result.details, purchase_id: result.purchaseId ?? null };
  switch (result.error) {
    case "amount_mismatch":
      throw new AppError("amount_mismatch", "The amount or currency does not match the order; nothing was granted.", details);
    case "user_mismatch":
      throw new AppError("validation_failed", "The purchase belongs to another user.", details);
    case "purchase_not_found":
    case "user_not_found":
      throw new AppError("not_found", String(result.details?.message ?? "No matching purchase."), details);
    default:
      throw new AppError("conflict", `The event could not be applied (${result.error}).`, details);
  }
}
