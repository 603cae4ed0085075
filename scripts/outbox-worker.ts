/**
 * `npm run outbox:worker`: the outbox worker and its scheduled jobs in a process of their own
 * (lib/notifications/start-outbox.ts). The app's server starts one beside Next
 * (OUTBOX_WORKER=process, the default: scripts/outbox-process.ts); a deployment may also run
 * workers on instances of their own, with OUTBOX_WORKER=off on the web instances. Several share
 * the work through the database's row locks.
 *
 * It needs DATABASE_URL, and not the embedded database, whose one connection the app holds. It
 * stops after the deliveries in flight on SIGTERM or SIGINT, and, when the server started it, as
 * soon as the server's process is gone (their IPC channel closes). Exit code 2: it cannot run
 * with this configuration, and starting it again will not help.
 */
import { existsSync } from "node:fs";
import { applyAppSecrets } from "./local-secrets";

if (existsSync(".env")) process.loadEnvFile(".env");
if (!process.env.DATABASE_URL || process.env.EMBEDDED_DATABASE === "on") {
  console.error(
    "[outbox-worker] needs DATABASE_URL on PostgreSQL: on the embedded database the app's server " +
      "runs the worker itself (it serves one connection)",
  );
  process.exit(2);
}
// Endpoints' signing secrets are encrypted with the app's key.
applyAppSecrets();

const { OUTBOX_CONNECTIONS, startOutbox } = await import("../lib/notifications/start-outbox");
// Its pool is the worker's (and its scheduled jobs'), not a web server's: read when first used.
process.env.DATABASE_POOL_SIZE = String(OUTBOX_CONNECTIONS);
const outbox = await startOutbox("worker process");
if (!outbox) process.exit(1);

const stop = () => void outbox.stop().finally(() => process.exit(0));
// `on`, not `once`: a second signal while it stops (the server's, after its process group's)
// must not end it mid-delivery.
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, stop);
// Started by the server with an IPC channel: the server is gone when it closes.
if (process.send) process.once("disconnect", stop);
