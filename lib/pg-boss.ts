/**
 * Starts a pg-boss instance on the app's PostgreSQL (its tables live in the `pgboss` schema), as
 * the reconcile schedule and the outbox's jobs each do. On a fresh database the first start
 * creates that schema, and two starts at once (two schedulers in one instance, or several
 * instances) can deadlock or collide on it: PostgreSQL then aborts one of them, and that one
 * simply tries again, finding the schema made.
 */
import { PgBoss, type Queue } from "pg-boss";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

const ATTEMPTS = 5;
/** deadlock_detected, unique_violation, duplicate_object, duplicate_table. */
const RACED = new Set(["40P01", "23505", "42710", "42P07"]);

export async function startPgBoss(applicationName: string): Promise<PgBoss> {
  return retryRace(async () => {
    const boss = new PgBoss({
      connectionString: getEnv().DATABASE_URL,
      max: 2,
      application_name: applicationName,
    });
    // Its code and message only: pg attaches the whole client object (connection state, its
    // pending queries) to a pooled connection's error, kilobytes a line during an outage.
    boss.on("error", (error: Error & { code?: string }) =>
      logger.error({ error_code: error.code, error_message: error.message }, "pg-boss failed"),
    );
    try {
      return await boss.start();
    } catch (error) {
      await boss.stop({ graceful: false }).catch(() => {});
      throw error;
    }
  });
}

/** Creates a queue (a table of pg-boss's own per queue), trying again if it raced another. */
export function createQueue(boss: PgBoss, name: string, options: Omit<Queue, "name">) {
  return retryRace(() => boss.createQueue(name, options));
}

async function retryRace<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= ATTEMPTS || !code || !RACED.has(code)) throw error;
      logger.info({ error_code: code, attempt }, "pg-boss raced another start; trying again");
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
