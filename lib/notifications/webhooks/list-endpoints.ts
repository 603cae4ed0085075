import { db } from "@/lib/db";
import { endpointFields } from "@/lib/notifications/webhooks/schemas";

export type EndpointRow = Awaited<ReturnType<typeof listEndpoints>>[number];

/** Admin → Webhooks: every endpoint, oldest first, with how many deliveries wait or died. */
export async function listEndpoints() {
  const [endpoints, counts] = await Promise.all([
    db.webhookEndpoint.findMany({ select: endpointFields, orderBy: { createdAt: "asc" } }),
    db.outboxDelivery.groupBy({
      by: ["endpointId", "status"],
      where: { channel: "WEBHOOK", status: { in: ["PENDING", "DEAD"] } },
      _count: { _all: true },
    }),
  ]);
  const count = (endpointId: string, status: "PENDING" | "DEAD") =>
    counts.find((row) => row.endpointId === endpointId && row.status === status)?._count._all ?? 0;
  return endpoints.map((endpoint) => ({
    ...endpoint,
    pending: count(endpoint.id, "PENDING"),
    dead: count(endpoint.id, "DEAD"),
  }));
}
