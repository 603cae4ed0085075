/**
 * SQL functions live as source files in prisma/functions/, and migrations carry them into the
 * database. `npm run db:migration` (scripts/db/write-migration.ts) writes a migration for a
 * function that changed and none when nothing did; and the files are what the migrations leave
 * in the database, so nobody changes one without the other.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations } from "../../../scripts/db/schema-engine";
import { readFunctionSources } from "../../../scripts/db/sql-functions";
import { writeMigration } from "../../../scripts/db/write-migration";
import { testDatabaseUrl } from "../../../tooling/database/database-url";
import { recreateDatabase } from "../../../tooling/database/recreate-database";

const FUNCTIONS = path.resolve("prisma/functions");

describe("npm run db:migration with prisma/functions/", () => {
  let prismaDir: string;
  const functionFile = (name: string) => path.join(prismaDir, "functions", `${name}.sql`);
  const edit = (name: string, from: string | RegExp, to: string) => {
    const text = readFileSync(functionFile(name), "utf8");
    const changed = text.replace(from, to);
    expect(changed).not.toBe(text);
    writeFileSync(functionFile(name), changed);
  };
  const migrate = async (name: string, stamp: string) => {
    const dir = await writeMigration({ prismaDir, name, stamp });
    return dir && readFileSync(path.join(dir, "migration.sql"), "utf8");
  };

  beforeEach(() => {
    prismaDir = mkdtempSync(path.join(tmpdir(), "functions-migration-"));
    for (const part of ["schema.prisma", "migrations", "functions"])
      cpSync(path.resolve("prisma", part), path.join(prismaDir, part), { recursive: true });
  });
  afterEach(() => rmSync(prismaDir, { recursive: true, force: true }));

  it("writes nothing when neither the schema nor a function changed", async () => {
    const before = readdirSync(path.join(prismaDir, "migrations"));
    expect(await migrate("nothing", "29990101000000")).toBeNull();
    // A comment outside the statement changes nothing in the database.
    edit(
      "grant_purchase_access",
      /^-- grant_purchase_access:/,
      "-- grant_purchase_access (reworded):",
    );
    expect(await migrate("nothing", "29990101000000")).toBeNull();
    expect(readdirSync(path.join(prismaDir, "migrations"))).toEqual(before);
  });

  it("writes a migration holding a changed function, then nothing the second time", async () => {
    edit(
      "grant_purchase_access",
      "SELECT count(*)::int INTO v_granted",
      "SELECT count(*) INTO v_granted",
    );

    const sql = await migrate("grant_change", "29990101000000");

    expect(sql).not.toBeNull();
    const [source] = readFunctionSources(path.join(prismaDir, "functions")).filter(
      (file) => file.name === "grant_purchase_access",
    );
    expect(sql).toContain(source.statement);
    expect(sql).not.toContain("DROP FUNCTION"); // same arguments and result: replaced in place
    expect(sql).not.toContain("FUNCTION complete_purchase"); // only what changed
    expect(sql).not.toMatch(/ALTER TABLE|CREATE TABLE/); // the schema did not change
    expect(await migrate("again", "29990101000001")).toBeNull();
  });

  it("drops a function first when its arguments change, and adds a new one", async () => {
    edit("grant_purchase_access", "p_actor_id text ", "p_actor_id text DEFAULT NULL ");
    writeFileSync(
      functionFile("answer"),
      "-- answer: a new function.\nCREATE OR REPLACE FUNCTION answer() RETURNS integer\nLANGUAGE sql AS $$ SELECT 42 $$;\n",
    );

    const sql = await migrate("signatures", "29990101000000");

    expect(sql).toMatch(/DROP FUNCTION grant_purchase_access;\n-- grant_purchase_access:/);
    expect(sql).toContain("CREATE OR REPLACE FUNCTION answer()");
    expect(sql).not.toContain("DROP FUNCTION answer");
    expect(await migrate("again", "29990101000001")).toBeNull();
  });

  it("drops a removed trigger function's triggers before the function, and the result applies", async () => {
    rmSync(functionFile("outbox_order_paid"));

    const sql = await migrate("no_renewals", "29990101000000");

    expect(sql).toContain(
      'DROP TRIGGER outbox_order_inserted_paid ON "Order";\nDROP TRIGGER outbox_order_paid ON "Order";\nDROP FUNCTION outbox_order_paid;',
    );
    expect(await migrate("again", "29990101000001")).toBeNull();
    const url = testDatabaseUrl("offerings_functions_dropped");
    await recreateDatabase(url);
    await applyMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql!);
      const { rows } = await client.query(
        "SELECT 1 FROM pg_proc WHERE proname = 'outbox_order_paid'",
      );
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("refuses to change a trigger function's arguments in place", async () => {
    edit(
      "outbox_order_paid",
      "outbox_order_paid() RETURNS trigger",
      "outbox_order_paid(p integer) RETURNS trigger",
    );
    await expect(migrate("signature", "29990101000000")).rejects.toThrow(
      /trigger function cannot change in place.*outbox_order_inserted_paid, outbox_order_paid/,
    );
  });
});

/** Every function of the public schema but the extensions', with its whole definition. */
async function functionDefinitions(client: pg.Client) {
  const { rows } = await client.query<{ name: string; definition: string }>(`
    SELECT p.proname AS name, pg_get_functiondef(p.oid) AS definition
    FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    ORDER BY 1, 2`);
  return rows;
}

describe("prisma/functions/", () => {
  it("are what the migrations leave in the database", async () => {
    const url = testDatabaseUrl("offerings_functions");
    await recreateDatabase(url);
    await applyMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const migrated = await functionDefinitions(client);
      const sources = readFunctionSources(FUNCTIONS);
      expect(migrated.map((row) => row.name)).toEqual(sources.map((source) => source.name));

      // Running the files over it again must change nothing (a new overload, a new body).
      await client.query("BEGIN");
      for (const source of sources) await client.query(source.text);
      const fromFiles = await functionDefinitions(client);
      await client.query("ROLLBACK");
      // If this fails, a file in prisma/functions/ changed: run `npm run db:migration -- <name>`.
      expect(fromFiles).toEqual(migrated);

      // Every trigger function has its triggers (written by hand in the migration that needs them).
      const { rows: idle } = await client.query<{ name: string }>(`
        SELECT p.proname AS name FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.prorettype = 'trigger'::regtype
          AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgfoid = p.oid)`);
      expect(idle).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
