import { db } from "@/lib/db";

export const DELIVERY_LOG_LIMIT = 50;

export type ListWebhookDeliveriesOptions = { offeringId: string; limit?: number };

export type WebhookDeliveryRow = Awaited<
  ReturnType<typeof listWebhookDeliveries>
>["deliveries"][number];

/**
 * The offering's delivery log for its admin page: the newest deliveries first (refusals
 * included) and how many are kept in all (the newest 200 per offering).
 */
export async function listWebhookDeliveries({
  offeringId,
  limit = DELIVERY_LOG_LIMIT,
}: ListWebhookDeliveriesOptions) {
  const where = { offeringId };
  const [deliveries, total] = await db.$transaction([
    db.webhookDelivery.findMany({
      where,
      // Two deliveries in the same millisecond: the later id (cuids grow) is the newer.
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        receivedAt: true,
        status: true,
        outcome: true,
        reason: true,
        format: true,
        test: true,
      },
    }),
    db.webhookDelivery.count({ where }),
  ]);
  return { deliveries, total };
}
