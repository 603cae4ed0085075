import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { disableEndpoint } from "@/lib/notifications/webhooks/disable-endpoint";

export type DisableFailingEndpointsOptions = {
  now?: Date;
  /** How long every attempt must have failed (OUTGOING_WEBHOOKS_DISABLE_AFTER_SECONDS: 5 days). */
  failingForMs?: number;
};

/**
 * The scheduled check: an enabled endpoint whose every attempt has failed for the window (no
 * success since `failingSince`) is disabled, its waiting deliveries canceled, and the admins told
 * by email (an `endpoint.disabled` message). Safe to run on several instances at once: each
 * endpoint is turned off by one conditional update, and only that one writes the message.
 */
export async function disableFailingEndpoints({
  now = new Date(),
  failingForMs = getEnv().OUTGOING_WEBHOOKS_DISABLE_AFTER_SECONDS * 1000,
}: DisableFailingEndpointsOptions = {}): Promise<{ disabled: string[] }> {
  const cutoff = new Date(now.getTime() - failingForMs);
  const failing = await db.webhookEndpoint.findMany({
    where: { enabled: true, failingSince: { lte: cutoff } },
    select: { id: true, failingSince: true },
  });
  const disabled: string[] = [];
  for (const endpoint of failing) {
    const since = endpoint.failingSince?.toISOString() ?? cutoff.toISOString();
    const done = await db.$transaction((tx) =>
      disableEndpoint(tx, {
        endpointId: endpoint.id,
        reason: `Every attempt has failed since ${since}.`,
        now,
        notify: true,
        onlyIf: { failingSince: { lte: cutoff } },
      }),
    );
    if (done) disabled.push(endpoint.id);
  }
  return { disabled };
}
