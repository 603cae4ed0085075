/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
import { applyMigrations } from "./schema-engine";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`npm run dev` migrates the embedded database itself.)");
  process.exit(1);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
process.exit(0);
