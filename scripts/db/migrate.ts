/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, then, given ENCRYPTION_KEY
 * and AUTH_SECRET, checks the key against the database's fingerprint (exit 1 on another key).
 */
import { applyMigrations } from "./schema-engine";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`npm run dev` migrates the embedded database itself.)");
  process.exit(1);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
// The release step before `next start` on several instances checks the key too, when it has it.
if (process.env.ENCRYPTION_KEY && process.env.AUTH_SECRET) {
  const { encryptionKeyAccepted } = await import("./check-encryption-key");
  process.exit((await encryptionKeyAccepted()) ? 0 : 1);
}
console.log(
  "ENCRYPTION_KEY was not checked against the database (set it and AUTH_SECRET to check).",
);
process.exit(0);
