import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type DeleteEndpointOptions = { endpointId: string; actorId: string };

/** Removes an endpoint with its deliveries and their log; the messages themselves stay. */
export async function deleteEndpoint({ endpointId, actorId }: DeleteEndpointOptions) {
  await db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({
      where: { id: endpointId },
      select: { url: true },
    });
    if (!endpoint) throw new AppError("not_found", "No webhook endpoint has this id.");
    await tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await recordAudit(tx, {
      actorId,
      action: "webhook_endpoint.delete",
      subject: endpointId,
      details: { url: endpoint.url },
    });
  });
}
