/**
 * The outbox on the embedded database (PGlite over one connection, as `npm run dev` runs it
 * without a DATABASE_URL): migrates a fresh PGlite in the folder given, pays a purchase (the
 * triggers run on PGlite), runs the worker polling through the app's one connection with a test
 * channel, and the expiry scan; prints what happened as JSON on its last line. Run under tsx with
 * EMBEDDED_DB_PORT set; the app's modules are imported once the environment points at PGlite.
 */
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres";
import { applyMigrations } from "../../scripts/db/schema-engine";

const [dataDir] = process.argv.slice(2);
const embedded = await startEmbeddedPostgres(dataDir, Number(process.env.EMBEDDED_DB_PORT));
Object.assign(process.env, {
  DATABASE_URL: embedded.url,
  DATABASE_POOL_SIZE: "1",
  EMBEDDED_DATABASE: "on",
  LOG_LEVEL: "warn",
});
await applyMigrations(embedded.url);

const { db } = await import("@/lib/db");
const { completePurchase } = await import("@/lib/purchases/complete-purchase");
const { startOutboxWorker } = await import("@/lib/notifications/worker");
const { scanExpiredAccess } = await import("@/lib/outbox/scan-expired-access");
const { pendingPurchaseScenario } = await import("../../tooling/seed/factories");

const delivered: string[] = [];
const worker = startOutboxWorker({
  listen: false,
  channels: [
    {
      name: "EMAIL",
      plan: async () => [{ channel: "EMAIL", recipient: "buyer@example.com", template: "test" }],
      deliver: async (delivery) => {
        delivered.push(delivery.message.type);
        return { ok: true, requestId: delivery.id, latencyMs: 1 };
      },
    },
  ],
});

const scenario = await pendingPurchaseScenario({ accessDurationDays: 1 });
await db.$transaction((tx) =>
  completePurchase(tx, {
    purchaseId: scenario.purchaseId,
    orderId: scenario.orderId,
    payment: { amount: 4900, currency: "usd", providerCaptureId: "pglite_pay" },
    cause: "test: PGlite",
  }),
);
const deadline = Date.now() + 60_000;
const deliveredCount = async (count: number) => {
  while (delivered.length < count && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
};
await deliveredCount(2);
// A day later, the access has ended: the scan reports it, and the worker sends that too.
const expiry = await scanExpiredAccess({ now: new Date(Date.now() + 86_400_000 + 60_000) });
await deliveredCount(3);
await worker.stop();
const statuses = await db.outboxDelivery.groupBy({ by: ["status"], _count: true });
await db.$disconnect();
await embedded.stop();
console.log(JSON.stringify({ delivered: delivered.sort(), expiry: expiry.emitted, statuses }));
process.exit(0);
