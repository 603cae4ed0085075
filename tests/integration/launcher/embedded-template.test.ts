/**
 * The embedded database's template (scripts/db/embedded-template.ts): `npm run dev` copies it into
 * a new data folder instead of creating and migrating a database there. The copy is migrated
 * exactly as a new database would be, the migrations it lacks are applied as on any database, and
 * a template whose migrations are not the committed ones is not used.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readMigrationsList } from "../../../scripts/db/migrations-folder";
import { applyMigrations } from "../../../scripts/db/schema-engine";
import { copyEmbeddedTemplate, makeEmbeddedTemplate } from "../../../scripts/db/embedded-template";
import { listenEmbeddedPostgres, type EmbeddedPostgres } from "../../../scripts/embedded-postgres";

const work = mkdtempSync(path.join(tmpdir(), "embedded-template-"));
const committed = readMigrationsList().migrationDirectories.map((directory) => directory.path);
const fullTemplate = path.join(work, "full");
const olderTemplate = path.join(work, "older");
const opened: EmbeddedPostgres[] = [];

beforeAll(async () => {
  await makeEmbeddedTemplate(fullTemplate);
  await makeEmbeddedTemplate(olderTemplate, committed.at(-2));
}, 120_000);

afterAll(async () => {
  await Promise.all(opened.map((embedded) => embedded.stop()));
  rmSync(work, { recursive: true, force: true });
});

/** A new data folder opened with `templateDir` as its template: how it opened, and the database. */
async function openNew(templateDir: string) {
  const dataDir = mkdtempSync(path.join(work, "data-"));
  const embedded = await listenEmbeddedPostgres(path.join(dataDir, "pglite"), 0, {
    template: (dir) => copyEmbeddedTemplate(dir, templateDir),
  });
  opened.push(embedded);
  return { opening: await embedded.ready, url: embedded.url };
}

async function query<Row>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Row[];
  } finally {
    await client.end();
  }
}

const columnsQuery = `
  SELECT table_name, column_name, data_type, is_nullable, column_default
  FROM information_schema.columns WHERE table_schema = 'public'
  ORDER BY table_name, column_name`;

it("copies a template holding every committed migration, and nothing is left to apply", async () => {
  const { opening, url } = await openNew(fullTemplate);

  expect(opening).toBe("from the template");
  const recorded = await query<{ migration_name: string }>(
    url,
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1",
  );
  expect(recorded.map((row) => row.migration_name)).toEqual(committed);
  expect(await applyMigrations(url)).toEqual([]);
});

it("applies the migrations an older template lacks, to the same schema as the full one", async () => {
  const older = await openNew(olderTemplate);
  const full = await openNew(fullTemplate);

  expect(older.opening).toBe("from the template");
  expect(await applyMigrations(older.url)).toEqual([committed.at(-1)]);
  expect(await query(older.url, columnsQuery)).toEqual(await query(full.url, columnsQuery));
});

it("creates the database instead when the template's migrations differ from the committed ones", async () => {
  const manifestFile = path.join(olderTemplate, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as {
    migrations: { name: string; checksum: string }[];
  };
  manifest.migrations[0].checksum = "0".repeat(64);
  writeFileSync(manifestFile, JSON.stringify(manifest));

  const { opening } = await openNew(olderTemplate);

  expect(opening).toBe("created");
}, 60_000);
