/**
 * The embedded database's template: a PGlite data folder with the committed migrations applied,
 * made by `npm install` (postinstall) in node_modules/.cache, and copied by `npm run dev` into a
 * data folder that holds no database yet. A new PGlite database costs PostgreSQL's initdb (2–3 s
 * of CPU, 4–5 s on two busy cores) and then the migrations (about 1 s); the copy takes a tenth of
 * a second, and the launcher's `[db] schema is up to date` follows.
 *
 * The template is made the way the launcher migrates: the same PGlite, the migrations applied by
 * Prisma's schema engine (scripts/db/schema-engine.ts), recorded in `_prisma_migrations`. It is
 * used only if the installed PGlite made it and its migrations are the first of the committed
 * ones, byte for byte (its manifest lists them with their checksums); the launcher then applies
 * the newer ones as on any database. Otherwise, or with no template, the launcher creates the
 * database and migrates it itself.
 *
 *   node scripts/db/embedded-template.ts   # makes it again (npm install runs it)
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres } from "../embedded-postgres.ts";
import { stopwatch } from "../start-timer.ts";
import { readMigrationsList } from "./migrations-folder.ts";

/** Where npm install makes it; the functions below take another (tests). */
export const embeddedTemplateDir = path.resolve("node_modules/.cache/offerings/embedded-database");
const manifestFile = (templateDir: string) => path.join(templateDir, "manifest.json");
const dataFolder = (templateDir: string) => path.join(templateDir, "pglite");

type Migration = { name: string; checksum: string };
type Manifest = { pglite: string; migrations: Migration[] };

function installedPgliteVersion(): string {
  const packageFile = path.resolve("node_modules/@electric-sql/pglite/package.json");
  return (JSON.parse(readFileSync(packageFile, "utf8")) as { version: string }).version;
}

/** The committed migrations, in the order they apply, with the checksums Prisma records. */
function committedMigrations(upTo?: string): Migration[] {
  return readMigrationsList(upTo).migrationDirectories.map((directory) => ({
    name: directory.path,
    checksum: createHash("sha256").update(directory.migrationFile.content.value).digest("hex"),
  }));
}

function readManifest(templateDir: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(manifestFile(templateDir), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

/** True if the template fits this checkout: same PGlite, and migrations that lead up to ours. */
function templateFits(manifest: Manifest | undefined): manifest is Manifest {
  if (!manifest || manifest.pglite !== installedPgliteVersion()) return false;
  const committed = committedMigrations();
  return (
    manifest.migrations.length <= committed.length &&
    manifest.migrations.every(
      ({ name, checksum }, index) =>
        committed[index].name === name && committed[index].checksum === checksum,
    )
  );
}

/**
 * Copies the template into `dataDir` (which holds no database) if it fits this checkout; says
 * whether it did. For listenEmbeddedPostgres's `template`.
 */
export async function copyEmbeddedTemplate(
  dataDir: string,
  templateDir = embeddedTemplateDir,
): Promise<boolean> {
  if (!existsSync(dataFolder(templateDir)) || !templateFits(readManifest(templateDir))) {
    return false;
  }
  await copyFolder(dataFolder(templateDir), dataDir);
  return true;
}

/**
 * Copies a folder's files side by side on libuv's threads: its thousand-odd small files take
 * 0.1 s so, where fs.cpSync, one after the other on the launcher's thread, takes 0.3–1 s.
 */
async function copyFolder(from: string, to: string): Promise<void> {
  const files: [string, string][] = [];
  const walk = (source: string, target: string) => {
    mkdirSync(target, { recursive: true });
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      const [sourcePath, targetPath] = [
        path.join(source, entry.name),
        path.join(target, entry.name),
      ];
      if (entry.isDirectory()) walk(sourcePath, targetPath);
      else files.push([sourcePath, targetPath]);
    }
  };
  walk(from, to);
  await Promise.all(files.map(([source, target]) => copyFile(source, target)));
}

/**
 * Makes the template afresh: a new PGlite database in a folder of its own, migrated (`upTo`: only
 * up to that migration, as for a checkout that has committed more since).
 */
export async function makeEmbeddedTemplate(
  templateDir = embeddedTemplateDir,
  upTo?: string,
): Promise<Manifest> {
  const parent = path.dirname(templateDir);
  mkdirSync(parent, { recursive: true });
  const building = mkdtempSync(path.join(parent, `${path.basename(templateDir)}-`));
  try {
    const pglite = installedPgliteVersion();
    const migrations = committedMigrations(upTo);
    // The engine only here: the launcher, which copies the template, does not load it.
    const { applyMigrations } = await import("./schema-engine.ts");
    const embedded = await startEmbeddedPostgres(path.join(building, "pglite"), 0);
    try {
      await applyMigrations(embedded.url, upTo);
    } finally {
      await embedded.stop();
    }
    const manifest: Manifest = { pglite, migrations };
    writeFileSync(path.join(building, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(templateDir, { recursive: true, force: true });
    renameSync(building, templateDir);
    return manifest;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const making = stopwatch();
  try {
    const { migrations } = await makeEmbeddedTemplate();
    console.log(
      `[postinstall] the embedded database's template, ${migrations.length} migrations applied (${making.took()}): ${path.relative(process.cwd(), embeddedTemplateDir)}`,
    );
    // The schema engine keeps the process alive: exit explicitly.
    process.exit(0);
  } catch (error) {
    console.warn(
      `[postinstall] the embedded database's template was not made (${(error as Error).message}); \`npm run dev\` creates the database itself`,
    );
    process.exit(1);
  }
}
