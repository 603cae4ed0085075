import pg from "pg";
import { testDatabaseUrl } from "../../tooling/database/database-url";

/** The end-to-end server's database. */
export const e2eDatabaseUrl = () =>
  process.env.E2E_DATABASE_URL ?? testDatabaseUrl("offerings_e2e");

/**
 * A database of its own for a spec that runs app instances of its own: the e2e database's name
 * with a suffix, on the same server (`offerings_e2e_scale_out`, …).
 */
export function e2eSideDatabaseUrl(suffix: string): string {
  const url = new URL(e2eDatabaseUrl());
  url.pathname = `${url.pathname}_${suffix}`;
  return url.toString();
}

/** One query against a database, to check what requests left behind. */
export async function queryDatabase<Row>(
  connectionString: string,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** One query against the end-to-end server's database, to check what a request left behind. */
export function queryE2eDatabase<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
  return queryDatabase<Row>(e2eDatabaseUrl(), sql, values);
}
