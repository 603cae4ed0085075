import { readFileSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  applyMigrations,
  diffSchemas,
  schemaPath,
  schemaSource,
} from "../../../scripts/db/schema-engine";
import { testDatabaseUrl } from "../../../tooling/database/database-url";
import { recreateDatabase } from "../../../tooling/database/recreate-database";

/**
 * Partial indexes written by hand in a migration, which schema.prisma cannot declare (it names
 * each in a comment beside its model).
 */
const HAND_WRITTEN_INDEXES = ["Commission_held_for_review_idx"];

/** Everything about a database's shape that a schema decides, as comparable rows. */
async function describeDatabase(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await query(`
        SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`),
      indexes: await query(`
        SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
          AND indexname <> ALL ('{${HAND_WRITTEN_INDEXES.join(",")}}')
        ORDER BY tablename, indexname`),
      constraints: await query(`
        SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
        FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
          -- A constraint trigger's entry (the outbox's deferred triggers): triggers are the
          -- migrations' own, which schema.prisma does not describe (sql-functions.test.ts).
          AND contype <> 't'
        ORDER BY 1, 2`),
      enums: await query(`
        SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        GROUP BY t.typname ORDER BY t.typname`),
    };
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("build exactly the database that schema.prisma describes", async () => {
    const fromMigrations = testDatabaseUrl("offerings_drift_migrations");
    const fromSchema = testDatabaseUrl("offerings_drift_schema");
    await Promise.all([recreateDatabase(fromMigrations), recreateDatabase(fromSchema)]);

    expect((await applyMigrations(fromMigrations)).length).toBeGreaterThan(0);
    expect(await applyMigrations(fromMigrations)).toEqual([]); // nothing twice

    const sql = await diffSchemas(
      schemaSource(null),
      schemaSource(readFileSync(schemaPath, "utf8")),
    );
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(sql);
    await client.end();

    const [migrated, declared] = await Promise.all([
      describeDatabase(fromMigrations),
      describeDatabase(fromSchema),
    ]);
    expect(migrated.columns.length).toBeGreaterThan(0);
    // If this fails, schema.prisma changed without a migration: run `npm run db:migration -- <name>`.
    expect(migrated).toEqual(declared);
  });
});
