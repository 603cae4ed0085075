import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { disableEndpoint } from "@/lib/notifications/webhooks/disable-endpoint";

export type SetEndpointEnabledOptions = { endpointId: string; enabled: boolean; actorId: string };

/**
 * The admin's on/off switch. Off cancels what was waiting for the endpoint; on starts afresh
 * (no failing streak) with the messages emitted from now on; earlier ones can be replayed.
 */
export async function setEndpointEnabled({
  endpointId,
  enabled,
  actorId,
}: SetEndpointEnabledOptions) {
  await db.$transaction(async (tx) => {
    const exists = await tx.webhookEndpoint.count({ where: { id: endpointId } });
    if (exists === 0) throw new AppError("not_found", "No webhook endpoint has this id.");
    if (enabled) {
      await tx.webhookEndpoint.update({
        where: { id: endpointId },
        data: { enabled: true, disabledAt: null, disabledReason: null, failingSince: null },
      });
    } else {
      await disableEndpoint(tx, { endpointId, reason: "Turned off by an admin.", notify: false });
    }
    await recordAudit(tx, {
      actorId,
      action: enabled ? "webhook_endpoint.enable" : "webhook_endpoint.disable",
      subject: endpointId,
    });
  });
}
