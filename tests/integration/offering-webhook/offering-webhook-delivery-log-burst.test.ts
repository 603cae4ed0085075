/**
 * The seller's delivery log under a burst: every copy of a delivery is answered and logged, the
 * log keeps the newest 200 per offering, and concurrent trims never deadlock one another (a
 * deadlock used to lose the rows of the deliveries it aborted).
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listWebhookDeliveries } from "@/lib/offerings/list-webhook-deliveries";
import { setLogDestination } from "@/lib/logger";
import { pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";
import { logLineSink } from "../../helpers/log-lines";

let logLines: Record<string, unknown>[] = [];

beforeAll(() => {
  setLogDestination(logLineSink((line: (typeof logLines)[number]) => logLines.push(line)));
});

afterAll(() => setLogDestination());

beforeEach(async () => {
  logLines = [];
  await resetDatabase();
});

/** A full log of older refusals, so that every delivery of the burst must trim one. */
async function fillLog(offeringId: string, rows: number) {
  await db.webhookDelivery.createMany({
    data: Array.from({ length: rows }, (_, index) => ({
      offeringId,
      status: 401,
      outcome: "unauthorized",
      receivedAt: new Date(Date.now() - 60_000 - index * 1000),
    })),
  });
}

it("logs all 200 concurrent copies of one delivery on a full log, without a deadlock, and grants once", async () => {
  const { offering, purchaseId } = await pendingPurchaseScenario();
  await fillLog(offering.id, 200);
  const body = {
    status: "succeeded",
    purchase_id: purchaseId,
    external_payment_id: "ext_burst",
    amount: 4900,
  };

  const responses = await Promise.all(
    Array.from({ length: 200 }, () =>
      postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret }),
    ),
  );

  expect(responses.filter((response) => response.status !== 200)).toEqual([]);
  expect(responses.filter((response) => response.body.duplicate === false)).toHaveLength(1);
  const failedToLog = logLines.filter(
    (line) => line.msg === "could not record the webhook delivery",
  );
  expect(failedToLog.map((line) => JSON.stringify(line.err).slice(0, 200))).toEqual([]);
  // Every copy is in the log; of the older refusals, a trim that met another's rows may have
  // left a few for a moment (never one of the burst)...
  const afterBurst = await listWebhookDeliveries({ offeringId: offering.id, limit: 500 });
  expect(afterBurst.deliveries.filter((delivery) => delivery.status === 200)).toHaveLength(200);
  expect(afterBurst.total).toBeLessThan(220);
  // ...and the next delivery trims the log back to its newest 200: the burst and itself. Rows
  // that share the 200th's time stay with it (the trim keeps ties: record-webhook-delivery.ts);
  // copies of the burst can share it on a busy machine, never the refusals of a minute before.
  expect((await postOfferingWebhook(offering.id, body)).status).toBe(401);
  const log = await listWebhookDeliveries({ offeringId: offering.id, limit: 500 });
  const times = log.deliveries.map((delivery) => delivery.receivedAt.getTime());
  expect(log.total).toBeGreaterThanOrEqual(200);
  expect(times.slice(200).every((time) => time === times[199])).toBe(true);
  expect(log.deliveries[0].status).toBe(401);
  expect(log.deliveries.filter((delivery) => delivery.status === 200)).toHaveLength(log.total - 1);
  expect(await db.accessEvent.count({ where: { purchaseId, action: "GRANT" } })).toBe(1);
  expect(await db.processedEvent.count({ where: { purchaseId } })).toBe(1);
});
