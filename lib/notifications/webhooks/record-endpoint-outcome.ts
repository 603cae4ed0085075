import { db } from "@/lib/db";
import { disableEndpoint } from "@/lib/notifications/webhooks/disable-endpoint";

export const GONE_REASON = "The receiver answered 410 Gone.";

export type EndpointOutcome = {
  endpointId: string;
  ok: boolean;
  gone: boolean;
  now?: Date;
  /** The streak's start as the sender read it (at the claim): an update that changes nothing is skipped. */
  failingSince: Date | null;
};

/**
 * What an attempt tells about its endpoint: a success ends a failing streak, the first failure
 * starts one (failingSince; disable-failing-endpoints.ts turns off a streak 5 days long), and a
 * 410 turns the endpoint off at once, telling the admins. Each is one conditional update, made
 * only when the endpoint's streak as the sender read it (at the claim) says it would change:
 * a healthy endpoint's success writes nothing. A streak another worker started since is ended by
 * the next success.
 */
export async function recordEndpointOutcome({
  endpointId,
  ok,
  gone,
  now = new Date(),
  failingSince,
}: EndpointOutcome): Promise<void> {
  if (!gone && (failingSince === null) === ok) return;
  if (gone) {
    await db.$transaction((tx) =>
      disableEndpoint(tx, { endpointId, reason: GONE_REASON, now, notify: true }),
    );
  } else if (ok) {
    await db.webhookEndpoint.updateMany({
      where: { id: endpointId, failingSince: { not: null } },
      data: { failingSince: null },
    });
  } else {
    await db.webhookEndpoint.updateMany({
      where: { id: endpointId, failingSince: null },
      data: { failingSince: now },
    });
  }
}
