/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql,
 * the SQL from the schema as of the last migration (kept beside it as schema.prisma) to the
 * current prisma/schema.prisma, followed by every SQL function of prisma/functions/ that changed
 * since the migrations last emitted it (write-migration.ts). Offline; no database needed.
 */
import path from "node:path";
import { writeMigration } from "./write-migration";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:migration -- <name>");
  process.exit(1);
}

const dir = await writeMigration({ prismaDir: path.resolve("prisma"), name });
if (dir) console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
else console.log("schema.prisma and prisma/functions/ match the migrations; nothing to write.");
process.exit(0);
