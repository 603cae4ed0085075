/**
 * LISTEN outbox, on a PostgreSQL connection of its own: outbox_emit and the dispatcher notify at
 * commit, so a worker wakes as soon as there is something to do instead of at its next poll.
 * The connection comes back by itself after it breaks; meanwhile the worker still polls. Not on
 * the embedded database, which serves one connection (the app's).
 */
import pg from "pg";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

const RECONNECT_MS = 5_000;

export type OutboxListener = { close: () => Promise<void> };

export function listenForOutbox(onNotify: () => void): OutboxListener {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let failing = false;

  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, RECONNECT_MS);
    timer.unref();
  };

  const connect = async () => {
    const next = new pg.Client({
      connectionString: getEnv().DATABASE_URL,
      application_name: "outbox-listener",
    });
    client = next;
    next.on("notification", onNotify);
    // Its code and message only (pg attaches the whole client to an error).
    next.on("error", (error: Error & { code?: string }) => {
      if (!failing)
        logger.warn(
          { error_code: error.code, error_message: error.message },
          "outbox listener connection lost; polling until it is back",
        );
      failing = true;
      void next.end().catch(() => {});
      retry();
    });
    try {
      await next.connect();
      await next.query("LISTEN outbox");
      if (failing) logger.info({}, "outbox listener connected again");
      failing = false;
      onNotify(); // anything written while it was away
    } catch {
      failing = true;
      void next.end().catch(() => {});
      retry();
    }
  };

  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
