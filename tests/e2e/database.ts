import pg from "pg";
import { testDatabaseUrl } from "../helpers/database-url";

/** One query against the end-to-end server's database, to check what a request left behind. */
export async function queryE2eDatabase<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({
    connectionString: process.env.E2E_DATABASE_URL ?? testDatabaseUrl("offerings_e2e"),
  });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Row[];
  } finally {
    await client.end();
  }
}
