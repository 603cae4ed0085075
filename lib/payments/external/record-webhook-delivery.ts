import { randomUUID } from "node:crypto";
import { queryPrepared } from "@/lib/db";

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
 * One statement, since every delivery writes it: the row is added only if the offering exists,
 * and the offering's rows older than its newest 200 go. The DELETE cannot see the row its own
 * statement adds, so it keeps the 199 newest others (and any that share the 199th's time).
 *
 * Bursts: concurrent deliveries each trim the same oldest rows. Waiting for one another's row
 * locks, taken in no fixed order, deadlocked and lost the aborted deliveries' rows. So the cutoff
 * is read without locks, and the trim takes only rows nobody else holds (SKIP LOCKED): whoever
 * holds one deletes it. It never waits, and never touches the newest rows. A trim that skipped
 * rows may leave a few more than 200 for a moment; the next delivery trims them.
 */
const RECORD_DELIVERY = `
  WITH added AS (
    INSERT INTO "WebhookDelivery" (id, "offeringId", format, status, outcome, reason, "eventKey", test)
    SELECT $1, id, $3, $4, $5, $6, $7, $8 FROM "Offering" WHERE id = $2
    RETURNING "offeringId"
  ), kept AS (
    SELECT "receivedAt" AS oldest FROM "WebhookDelivery"
    WHERE "offeringId" = $2 AND EXISTS (SELECT 1 FROM added)
    ORDER BY "receivedAt" DESC OFFSET ${KEPT_PER_OFFERING - 2} LIMIT 1
  )
  DELETE FROM "WebhookDelivery" WHERE id IN (
    SELECT id FROM "WebhookDelivery"
    WHERE "offeringId" = $2 AND "receivedAt" < (SELECT oldest FROM kept)
    FOR UPDATE SKIP LOCKED
  )`;

/**
 * The seller's delivery log: what each delivery to an offering's URL got back, refused ones
 * included, with no secrets and no headers. Only the newest 200 per offering are kept. A
 * delivery to an offering that does not exist has nowhere to be logged.
 */
export async function recordWebhookDelivery(record: WebhookDeliveryRecord): Promise<void> {
  await queryPrepared("record_webhook_delivery", RECORD_DELIVERY, [
    randomUUID(),
    record.offeringId,
    record.format ?? null,
    record.status,
    record.outcome,
    record.reason?.slice(0, 500) ?? null,
    record.eventKey ?? null,
    record.test ?? false,
  ]);
}
