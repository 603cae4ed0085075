/**
 * During a database outage every request fails the same way, and an error line with a stack per
 * 503 buries everything else in the log. So the first `database_unavailable` of an outage is
 * logged at error with its stack, the rest are only counted (a webhook delivery still writes its
 * own line, at warn and without a stack), and when the connection pool connects again one line
 * says how many there were. The count is per process and only for the log: nothing depends on it.
 */
import { logger } from "@/lib/logger";

type Outage = { since: Date; suppressed: number };

const globalForOutage = globalThis as unknown as { databaseOutage?: Outage | null };

/**
 * Notes one `database_unavailable` failure. True for the first of an outage (log it with its
 * stack); false for the rest, which are counted until the database is reachable again.
 */
export function firstFailureOfOutage(): boolean {
  const outage = globalForOutage.databaseOutage;
  if (outage) {
    outage.suppressed += 1;
    return false;
  }
  globalForOutage.databaseOutage = { since: new Date(), suppressed: 0 };
  return true;
}

/** The database answered again (the pool opened a connection): ends an outage, if one is open. */
export function databaseReachable(): void {
  const outage = globalForOutage.databaseOutage;
  if (!outage) return;
  globalForOutage.databaseOutage = null;
  logger.warn(
    {
      error_code: "database_unavailable",
      outage_since: outage.since.toISOString(),
      outage_ms: Date.now() - outage.since.getTime(),
      suppressed: outage.suppressed,
    },
    `database reachable again: ${outage.suppressed} more database_unavailable failures since the first were not logged with a stack`,
  );
}
