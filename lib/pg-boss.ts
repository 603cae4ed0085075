/**
 * Starts a pg-boss instance on the app's PostgreSQL (its tables live in the `pgboss` schema), as
 * the reconcile schedule and the outbox's jobs each do. On a fresh database the first start
 * creates that schema, and two starts at once (two schedulers in one instance, or several
 * instances) can deadlock or collide on it: PostgreSQL then aborts one of them, and that one
 * simply tries again, finding the schema made.
 */
import pg from "pg";
import { PgBoss, type Queue } from "pg-boss";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

const ATTEMPTS = 5;
/** The oldest `pgboss` schema that pg-boss 12 migrates: pg-boss 11's. pg-boss 10's was 24. */
const OLDEST_MIGRATED_SCHEMA = 25;
/** deadlock_detected, unique_violation, duplicate_object, duplicate_table. */
const RACED = new Set(["40P01", "23505", "42710", "42P07"]);

export async function startPgBoss(applicationName: string): Promise<PgBoss> {
  await dropSchemaOlderThanPgBoss11(applicationName);
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

/**
 * pg-boss 12 refuses to start on the schema pg-boss 10 left (an older app version's database).
 * What it holds here is only the cron ticks of the reconcile and the outbox's jobs, and their
 * history: every start makes the queues and schedules again, and the outbox keeps its state in the
 * app's own tables. So that schema is dropped, once (under a lock, however many instances start),
 * and pg-boss makes its own afresh.
 */
async function dropSchemaOlderThanPgBoss11(applicationName: string): Promise<void> {
  const client = new pg.Client({
    connectionString: getEnv().DATABASE_URL,
    application_name: applicationName,
  });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('pgboss schema upgrade'))");
    const version = await schemaVersion(client);
    if (version !== null && version < OLDEST_MIGRATED_SCHEMA) {
      await client.query("DROP SCHEMA pgboss CASCADE");
      logger.warn(
        { schema_version: version },
        "dropped pg-boss's old schema (pg-boss 10's), which pg-boss 12 cannot migrate; it makes it afresh",
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

/** The version in pg-boss's `version` table; null when there is none. */
async function schemaVersion(client: pg.Client): Promise<number | null> {
  const { rows } = await client.query<{ present: boolean }>(
    "SELECT to_regclass('pgboss.version') IS NOT NULL AS present",
  );
  if (!rows[0]?.present) return null;
  const versions = await client.query<{ version: number | null }>(
    "SELECT max(version) AS version FROM pgboss.version",
  );
  return versions.rows[0]?.version ?? null;
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
