import { applyMigrations } from "../../scripts/db/schema-engine";
import { testDatabaseUrl } from "../helpers/database-url";
import { recreateDatabase } from "../helpers/fresh-database";

/** A fresh database with every committed migration applied, once per run. */
export default async function setup() {
  const url = testDatabaseUrl();
  await recreateDatabase(url);
  await applyMigrations(url);
}
