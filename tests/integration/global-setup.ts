import { applyMigrations } from "../../scripts/db/schema-engine";
import { testDatabaseUrl } from "../../tooling/database/database-url";
import { recreateDatabase } from "../../tooling/database/recreate-database";

/** A fresh database with every committed migration applied, once per run. */
export default async function setup() {
  const url = testDatabaseUrl();
  await recreateDatabase(url);
  await applyMigrations(url);
}
