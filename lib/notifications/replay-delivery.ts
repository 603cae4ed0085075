/**
 * "Replay": sends a delivery again, whatever became of it (delivered, dead, canceled), with the
 * same frozen body and webhook-id, so a receiver that dedupes on it sees a repeat. The delivery
 * goes back to the queue due now; its attempts keep counting (the log shows the new ones after
 * the old). Written by the webhooks engineer as the minimal version for Admin → Webhooks; the
 * outbox core's own replay use case replaces it when merged.
 */
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type ReplayDeliveryOptions = { deliveryId: string; actorId: string; now?: Date };

export async function replayDelivery({
  deliveryId,
  actorId,
  now = new Date(),
}: ReplayDeliveryOptions) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "OutboxDelivery" WHERE id = ${deliveryId} FOR UPDATE`;
    const delivery = await tx.outboxDelivery.findUnique({
      where: { id: deliveryId },
      select: {
        status: true,
        lockedUntil: true,
        messageId: true,
        endpointId: true,
        channel: true,
        endpoint: { select: { enabled: true } },
      },
    });
    if (!delivery) throw new AppError("not_found", "No delivery has this id.");
    if (delivery.status === "PENDING" && delivery.lockedUntil && delivery.lockedUntil > now) {
      throw new AppError("conflict", "This delivery is being sent right now; replay it after.");
    }
    if (delivery.endpoint && !delivery.endpoint.enabled) {
      throw new AppError("conflict", "The endpoint is off: turn it on to replay to it.");
    }
    await tx.outboxDelivery.update({
      where: { id: deliveryId },
      data: { status: "PENDING", nextAttemptAt: now, lockedUntil: null, lastError: null },
    });
    await recordAudit(tx, {
      actorId,
      action: "outbox.replay",
      subject: delivery.messageId,
      details: {
        deliveryId,
        channel: delivery.channel,
        before: delivery.status,
        ...(delivery.endpointId ? { endpointId: delivery.endpointId } : {}),
      },
    });
    return { messageId: delivery.messageId, before: delivery.status };
  });
}
