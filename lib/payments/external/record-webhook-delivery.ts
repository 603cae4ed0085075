import { db } from "@/lib/db";

const KEPT_PER_OFFERING = 200;

export type WebhookDeliveryRecord = {
  offeringId: string;
  status: number;
  outcome: string;
  reason?: string | null;
  format?: string | null;
  eventKey?: string | null;
  test?: boolean;
};

/**
 * The seller's delivery log: what each delivery to an offering's URL got back, refused ones
 * included, with no secrets and no headers. Only the newest 200 per offering are kept. A
 * delivery to an offering that does not exist has nowhere to be logged.
 */
export async function recordWebhookDelivery(record: WebhookDeliveryRecord): Promise<void> {
  const exists = await db.offering.findUnique({ where: { id: record.offeringId }, select: { id: true } });
  if (!exists) return;
  await db.webhookDelivery.create({
    data: { ...record, reason: record.reason?.slice(0, 500) ?? null, test: record.test ?? false },
  });
  await db.$executeRaw`
    DELETE FROM "WebhookDelivery" WHERE "offeringId" = ${record.offeringId} AND id NOT IN (
      SELECT id FROM "WebhookDelivery" WHERE "offeringId" = ${record.offeringId}
      ORDER BY "receivedAt" DESC LIMIT ${KEPT_PER_OFFERING})`;
}
