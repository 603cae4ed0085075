/**
 * Brings DATABASE_URL up to date: applies pending migrations, checks ENCRYPTION_KEY against the
 * fingerprint the database recorded (recording it on a first start; another key stops here),
 * then seeds demo data into an empty database (unless --no-seed). Runs as its own process so that every connection it
 * opened is gone when it exits; the embedded database takes only one.
 */
import { demoAccounts, seedDemoData } from "../../prisma/seed";
import { encryptionKeyAccepted } from "./check-encryption-key";
import { applyMigrations } from "./schema-engine";
import { stopwatch } from "../start-timer";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}

try {
  const migrating = stopwatch();
  const applied = await applyMigrations(url);
  console.log(
    applied.length
      ? `[db] applied migrations (${migrating.took()}): ${applied.join(", ")}`
      : `[db] schema is up to date (${migrating.took()})`,
  );
  if (!(await encryptionKeyAccepted())) process.exit(1);
  if (!process.argv.includes("--no-seed")) {
    const seeding = stopwatch();
    const seeded = await seedDemoData();
    if (seeded === "seeded") {
      console.log(`[db] demo data seeded (${seeding.took()}). Sign in as:`);
      console.log(`       admin  ${demoAccounts.admin.email} / ${demoAccounts.admin.password}`);
      console.log(`       user   ${demoAccounts.user.email} / ${demoAccounts.user.password}`);
    }
  }
  process.exit(0);
} catch (error) {
  console.error("[db] preparing the database failed:", error);
  process.exit(1);
}
