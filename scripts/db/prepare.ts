/**
 * Brings DATABASE_URL up to date: applies pending migrations, checks ENCRYPTION_KEY against the
 * fingerprint the database recorded (recording it on a first start; another key stops here),
 * then seeds demo data into an empty database (unless --no-seed). Runs as its own process so that every connection it
 * opened is gone when it exits; the embedded database takes only one.
 */
import { demoAccounts, seedDemoData } from "../../prisma/seed";
import { encryptionKeyAccepted } from "./check-encryption-key";
import { applyMigrations } from "./schema-engine";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}

try {
  const applied = await applyMigrations(url);
  console.log(
    applied.length ? `[db] applied migrations: ${applied.join(", ")}` : "[db] schema is up to date",
  );
  if (!(await encryptionKeyAccepted())) process.exit(1);
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
