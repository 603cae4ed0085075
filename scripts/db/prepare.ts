/**
 * Brings DATABASE_URL up to date: applies pending migrations, checks ENCRYPTION_KEY against the
 * fingerprint the database recorded (recording it on a first start; another key stops here),
 * then seeds demo data into an empty database (unless --no-seed). Runs as its own process so that every connection it
 * opened is gone when it exits; the embedded database takes only one.
 */
import { checkEncryptionKey } from "@/lib/settings/encryption-key";
import { demoAccounts, seedDemoData } from "../../prisma/seed";
import { applyMigrations } from "./schema-engine";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}

try {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `[db] applied migrations: ${applied.join(", ")}` : "[db] schema is up to date");
  const key = await checkEncryptionKey();
  if (key.status === "mismatch") {
    console.error(`[db] ${key.message}`);
    process.exit(1);
  }
  if (key.status === "recorded") console.log("[db] recorded the encryption key's fingerprint");
  if (key.status === "previous") {
    console.warn(
      "[db] the stored secrets are still under ENCRYPTION_KEY_PREVIOUS: run `npm run secrets:reencrypt`",
    );
  }
  if (!process.argv.includes("--no-seed")) {
    const seeded = await seedDemoData();
    if (seeded === "seeded") {
      console.log("[db] demo data seeded. Sign in as:");
      console.log(`       admin  ${demoAccounts.admin.email} / ${demoAccounts.admin.password}`);
      console.log(`       user   ${demoAccounts.user.email} / ${demoAccounts.user.password}`);
    }
  }
  process.exit(0);
} catch (error) {
  console.error("[db] preparing the database failed:", error);
  process.exit(1);
}
