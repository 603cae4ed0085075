import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { emitMessage } from "@/lib/outbox/emit-message";

export type DisableEndpointOptions = {
  endpointId: string;
  reason: string;
  now?: Date;
  /** Tell the admins by email (an internal `endpoint.disabled` message): not for their own switch. */
  notify: boolean;
  /** A further condition the endpoint must still meet, read in the same statement. */
  onlyIf?: Prisma.WebhookEndpointWhereInput;
};

/**
 * Turns an enabled endpoint off and cancels what was still waiting for it, so nothing more is
 * sent until it is turned on again (a canceled delivery can be replayed then). False when it was
 * already off, or no longer meets `onlyIf`.
 */
export async function disableEndpoint(
  tx: Tx,
  { endpointId, reason, now = new Date(), notify, onlyIf = {} }: DisableEndpointOptions,
): Promise<boolean> {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { ...onlyIf, id: endpointId, enabled: true },
    data: { enabled: false, disabledAt: now, disabledReason: reason },
  });
  if (count === 0) return false;
  await tx.outboxDelivery.updateMany({
    where: { endpointId, status: "PENDING" },
    data: { status: "CANCELED", lockedUntil: null, lastError: `Canceled: ${reason}` },
  });
  if (notify) {
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({
      where: { id: endpointId },
      select: { url: true, description: true },
    });
    await emitMessage(tx, {
      type: "endpoint.disabled",
      dedupeKey: `endpoint.disabled:${endpointId}:${now.toISOString()}`,
      subject: { endpointId, ...endpoint, reason, disabledAt: now.toISOString() },
    });
  }
  return true;
}
