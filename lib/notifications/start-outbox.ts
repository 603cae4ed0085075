/**
 * Starts the outbox: the worker that dispatches and delivers, and the scheduled jobs
 * (channels.ts). Every instance runs them; the database's locks share the work. Where they run is
 * OUTBOX_WORKER's to say:
 * - "process" (the default): in a process of their own beside the server, which scripts/server.ts
 *   starts (scripts/outbox-worker.ts calls this with host "worker process"); instrumentation.ts's
 *   call in the server then starts nothing. A burst of requests and the deliveries it causes
 *   then run on two event loops, not one.
 * - "inline": in the server's process (instrumentation.ts calls it once per server); also what the
 *   embedded database always does, since it serves one connection.
 * - "off": nowhere in this instance.
 * It never throws: an outbox that cannot start logs why and leaves the app serving, and the
 * messages wait in the database for a worker. SIGTERM and SIGINT stop it gracefully.
 *
 * It starts once the database has answered one query (or refused it: a database that is down is
 * the worker's to retry, as ever). `npm run dev` starts the server while the embedded database is
 * still being migrated and seeded, and holds its connections until then; a first cycle's
 * transaction would give up waiting for one (Prisma's maxWait) and log a failure.
 */
import { db, withOwnPool } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { outboxJobs } from "@/lib/notifications/channels";
import { registeredOutboxJobs } from "@/lib/notifications/outbox-job";
import { startOutboxJobs } from "@/lib/notifications/outbox-jobs";
import { startOutboxWorker } from "@/lib/notifications/worker";

/** A dispatch transaction, a claim, a batch of attempts and an endpoint's update at once. */
export const OUTBOX_CONNECTIONS = 4;

export type RunningOutbox = { stop: () => Promise<void> };

let started: Promise<RunningOutbox | null> | undefined;

/** "server": called by the app's server; "worker process": by the worker's own process. */
export type OutboxHost = "server" | "worker process";

export function startOutbox(host: OutboxHost = "server"): Promise<RunningOutbox | null> {
  started ??= start(host).catch((error: unknown) => {
    logger.error({ err: error }, "the outbox did not start");
    return null;
  });
  return started;
}

async function start(host: OutboxHost): Promise<RunningOutbox | null> {
  const env = getEnv();
  const embedded = env.EMBEDDED_DATABASE === "on";
  if (host === "server" && env.OUTBOX_WORKER === "off") {
    logger.info({ outbox: "off" }, "outbox worker off in this instance (OUTBOX_WORKER=off)");
    return null;
  }
  if (host === "server" && env.OUTBOX_WORKER === "process" && !embedded) {
    logger.info({ outbox: "process" }, "outbox worker in a process of its own");
    return null;
  }
  await db.$queryRaw`SELECT 1`.catch(() => undefined);
  // Inside a server on PostgreSQL the worker has connections of its own: on the app's pool its
  // queries would wait behind every request of a burst, and the burst's messages with them. In
  // its own process the app's pool is its own (scripts/outbox-worker.ts sizes it); the embedded
  // database takes one connection, so there it shares the app's.
  const { result: worker, close } =
    embedded || host === "worker process"
      ? { result: startOutboxWorker({ listen: !embedded }), close: async () => {} }
      : withOwnPool(OUTBOX_CONNECTIONS, () => startOutboxWorker({ listen: true }));
  const jobs = await startOutboxJobs([...outboxJobs, ...registeredOutboxJobs()], {
    embedded,
  }).catch((error: unknown) => {
    logger.error({ err: error }, "the outbox's scheduled jobs did not start");
    return { stop: async () => {} };
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all([worker.stop().then(close), jobs.stop()]).then(() => {});
    return stopping;
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stop());
  logger.info({ listen: !embedded, host }, "outbox worker on");
  return { stop };
}
