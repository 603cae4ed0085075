/**
 * Tests run against a real PostgreSQL: TEST_DATABASE_URL, by default the local server's
 * `offerings_test` database, which the test run creates afresh. TEST_DATABASE_SUFFIX is appended
 * to every database name a run creates, so that two checkouts can run their tests side by side.
 */
export function testDatabaseUrl(name = "offerings_test"): string {
  const base = process.env.TEST_DATABASE_URL ?? `postgresql://root@127.0.0.1:5432/${name}`;
  const url = new URL(base);
  if (!process.env.TEST_DATABASE_URL)
    url.pathname = `/${name}${process.env.TEST_DATABASE_SUFFIX ?? ""}`;
  return url.toString();
}

/** The same server's maintenance database, to create and drop test databases from. */
export function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  return url.toString();
}
