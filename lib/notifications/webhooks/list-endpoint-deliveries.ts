import { db } from "@/lib/db";

export const ENDPOINT_LOG_LIMIT = 50;

export type ListEndpointDeliveriesOptions = { endpointId: string; limit?: number };

export type EndpointDeliveryRow = Awaited<
  ReturnType<typeof listEndpointDeliveries>
>["deliveries"][number];

/**
 * An endpoint's delivery log: its newest messages first, each with its state (dead ones marked)
 * and every attempt: request id, HTTP status or error, latency, the answer's first 4 KB and when
 * the next retry was set for.
 */
export async function listEndpointDeliveries({
  endpointId,
  limit = ENDPOINT_LOG_LIMIT,
}: ListEndpointDeliveriesOptions) {
  const where = { endpointId };
  const [deliveries, total] = await Promise.all([
    db.outboxDelivery.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        deliveredAt: true,
        lastError: true,
        createdAt: true,
        message: { select: { id: true, type: true, createdAt: true } },
        attemptLog: {
          orderBy: { number: "asc" },
          select: {
            id: true,
            number: true,
            requestId: true,
            status: true,
            error: true,
            latencyMs: true,
            responseExcerpt: true,
            nextRetryAt: true,
            createdAt: true,
          },
        },
      },
    }),
    db.outboxDelivery.count({ where }),
  ]);
  return { deliveries, total };
}
