import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseProviderJson, storableJsonText } from "@/lib/http/read-body";
import { isRecordId } from "@/lib/http/storable-text";
import { applyDelivery, type DeliveryOffering } from "@/lib/payments/external/apply-delivery";
import { applyPaidDelivery } from "@/lib/payments/external/apply-paid-delivery";
import {
  authenticateDelivery,
  deliveryOfferingFields,
} from "@/lib/payments/external/authenticate-delivery";
import type { Delivery } from "@/lib/payments/external/formats/delivery";
import { findWebhookPurchase } from "@/lib/payments/external/find-webhook-purchase";
import { parseDelivery } from "@/lib/payments/external/parse-delivery";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookFacts } from "@/lib/observability/webhook-delivery";
import { eventFailureToAppError } from "@/lib/events/event-failure";
import { applyOrFindCommitted } from "@/lib/events/find-committed-event";
import { processEvent, type ProcessEventOptions } from "@/lib/events/process-event";

export const OFFERING_WEBHOOK_MAX_BYTES = 64 * 1024;

export type HandleOfferingWebhookOptions = {
  offeringId: string;
  headers: Headers;
  rawBody: string;
  /** Filled in for the delivery's log line as the delivery is read and applied. */
  facts?: WebhookFacts;
  /** The sender's address, which failed authentications are counted against (rate limits). */
  clientAddress?: string | null;
};

/**
 * One delivery to an offering's webhook, in any understood format: authenticate it, read it,
 * and apply it exactly once. The event key is the provider's payment id with the status, so a
 * refund of a payment is a new event while a repeated success is not; a delivery without a
 * payment id is keyed on the purchase it resolves to, so a repeat for that purchase is a
 * duplicate and another purchase's identical body is not.
 */
export async function handleOfferingWebhook({
  offeringId,
  headers,
  rawBody,
  facts = {},
  clientAddress = null,
}: HandleOfferingWebhookOptions) {
  if (!isRecordId(offeringId)) throw new AppError("not_found", "No offering has this id.");
  const { scheme, offering } = await authenticateDelivery(
    offeringId,
    headers,
    rawBody,
    clientAddress,
  );
  // Authenticated over the raw bytes; then NUL and lone surrogates become U+FFFD.
  const body = parseProviderJson(rawBody);
  const delivery = parseDelivery(body);
  Object.assign(facts, { eventType: delivery.type, userId: delivery.userId ?? null });
  const summary = { received: true as const, format: delivery.format, authenticated_by: scheme };
  if (delivery.test) {
    return {
      ...summary,
      duplicate: false,
      outcome: "test",
      purchase_id: null,
      message: "Verified and received. Test deliveries change nothing.",
    };
  }
  const key = await deliveryKey(offeringId, delivery, rawBody);
  facts.eventId = key;
  // A paid pending purchase, the common case, is one statement; everything else takes the general path.
  // A connection lost after the commit still answers 200 when the event turns out stored.
  const result = await applyOrFindCommitted(
    "external",
    key,
    async () =>
      (await applyPaidDelivery(offeringId, delivery, key, storableJsonText(rawBody))) ??
      (await processEvent(
        deliveryToProcess(offering, delivery, key, body as Prisma.InputJsonValue),
      )),
  );
  Object.assign(facts, { purchaseId: result.purchaseId ?? null, duplicate: result.duplicate });
  if (result.outcome === "FAILED") {
    const details = { ...result.details, purchase_id: result.purchaseId ?? null };
    throw eventFailureToAppError(result.error, details);
  }
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

export type OfferingWebhookResult = Awaited<ReturnType<typeof handleOfferingWebhook>>;

/**
 * The webhook's answer to a delivery it took: 202 when it is stored but waits (a buyer who has
 * not verified the address yet), 200 otherwise; and what the seller's delivery log shows.
 */
export function offeringWebhookAnswer(result: OfferingWebhookResult) {
  return {
    outcome: result.outcome,
    body: result,
    status: result.outcome === "unclaimed" ? 202 : 200,
    logged: {
      format: result.format,
      reason: "message" in result ? result.message : null,
      test: result.outcome === "test",
    },
  };
}

/** What processEvent needs to record and apply one delivery; shared by deliveries and replays. */
function deliveryToProcess(
  offering: DeliveryOffering,
  delivery: Delivery,
  key: string,
  payload: Prisma.InputJsonValue,
): ProcessEventOptions {
  return {
    provider: "external",
    eventId: key,
    type: delivery.type,
    payload,
    handle: (tx, event) =>
      delivery.status === null
        ? Promise.resolve({ outcome: "IGNORED" as const })
        : applyDelivery(tx, offering, delivery, event.recordId),
  };
}

/**
 * A stored delivery, for a replay, through the same apply path. Its offering is the first part
 * of its event key (`offeringId:status:…`); the body was authenticated when it arrived and only
 * what was stored is replayed, so no secret is checked again.
 */
export async function storedDeliveryToProcess(
  eventKey: string,
  payload: unknown,
): Promise<ProcessEventOptions> {
  const offeringId = eventKey.split(":")[0];
  const offering = await db.offering.findUnique({
    where: { id: offeringId },
    select: deliveryOfferingFields,
  });
  if (!offering)
    throw new AppError("not_found", "The offering this delivery was for no longer exists.");
  const delivery = parseDelivery(payload);
  return deliveryToProcess(offering, delivery, eventKey, payload as Prisma.InputJsonValue);
}

async function deliveryKey(
  offeringId: string,
  delivery: Delivery,
  rawBody: string,
): Promise<string> {
  const status = delivery.status ?? "ignored";
  if (delivery.paymentId) return `${offeringId}:${status}:${delivery.paymentId}`;
  const match = await db.$transaction((tx) => findWebhookPurchase(tx, offeringId, delivery));
  if ("purchaseId" in match && match.purchaseId)
    return `${offeringId}:${status}:purchase:${match.purchaseId}`;
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
  const applied =
    key &&
    (await db.processedEvent.findUnique({
      where: { provider_providerEventId: { provider: "external", providerEventId: key } },
      select: { id: true },
    }));
  return applied ? key : null;
}
