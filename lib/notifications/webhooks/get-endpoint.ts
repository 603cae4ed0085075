import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { endpointFields } from "@/lib/notifications/webhooks/schemas";

export type EndpointDetails = Awaited<ReturnType<typeof getEndpoint>>;

/** One endpoint as its admin page shows it (no secret), or not found. */
export async function getEndpoint(endpointId: string) {
  const endpoint = await db.webhookEndpoint.findUnique({
    where: { id: endpointId },
    select: endpointFields,
  });
  if (!endpoint) throw new AppError("not_found", "No webhook endpoint has this id.");
  return endpoint;
}
