/**
 * The committed migrations (prisma/migrations), read as Prisma's schema engine takes them. Apart
 * from the engine (scripts/db/schema-engine.ts), so that reading them loads nothing else.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export const migrationsDir = path.resolve("prisma/migrations");

/** The committed migrations, as the engine takes them; `upTo`: only those up to that one. */
export function readMigrationsList(upTo?: string) {
  const directories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && (upTo === undefined || entry.name <= upTo))
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok" as const,
          value: readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"),
        },
      },
    })),
  };
}
