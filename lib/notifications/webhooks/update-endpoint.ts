import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { EndpointInput } from "@/lib/notifications/webhooks/schemas";
import { checkEndpointUrl } from "@/lib/notifications/webhooks/url-policy";

export type UpdateEndpointOptions = { endpointId: string; input: EndpointInput; actorId: string };

/** Changes an endpoint's URL (checked like a new one), description and event filter. */
export async function updateEndpoint({ endpointId, input, actorId }: UpdateEndpointOptions) {
  const url = await checkEndpointUrl(input.url);
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: endpointId },
      data: { url, description: input.description, eventTypes: input.eventTypes },
    });
    if (count === 0) throw new AppError("not_found", "No webhook endpoint has this id.");
    await recordAudit(tx, {
      actorId,
      action: "webhook_endpoint.update",
      subject: endpointId,
      details: { url, eventTypes: input.eventTypes },
    });
  });
}
