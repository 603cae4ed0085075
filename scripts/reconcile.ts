/**
 * `npm run reconcile -- --since 2026-11-01`: reconciliation with Stripe from a shell (the same
 * run as the admin panel's button and the daily schedule; lib/payments/stripe/reconcile.ts).
 * Prints what it checked and fixed; `--json` prints the whole report. It needs DATABASE_URL and
 * Stripe's secret key (or keys saved in Settings → Integrations), from the environment or .env.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { applyAppSecrets } from "./local-secrets";

const usage = "usage: npm run reconcile -- --since YYYY-MM-DD [--json]";

if (existsSync(".env")) process.loadEnvFile(".env");
const { values } = parseArgs({
  options: { since: { type: "string" }, json: { type: "boolean", default: false } },
});
if (!values.since || !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) {
  console.error(usage);
  process.exit(2);
}
const since = new Date(`${values.since}T00:00:00Z`);
if (Number.isNaN(since.getTime()) || since.getTime() > Date.now()) {
  console.error(`--since must be a date that is not in the future. ${usage}`);
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error(
    "No DATABASE_URL. The embedded demo database takes one connection, which the running app " +
      "holds: press Reconcile on /admin/reconcile instead, or set DATABASE_URL.",
  );
  process.exit(2);
}
// Keys saved in Settings are encrypted with the app's key.
applyAppSecrets();

const { reconcileWithStripe, summarizeReconcile } =
  await import("../lib/payments/stripe/reconcile");
try {
  const report = await reconcileWithStripe({ since });
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(summarizeReconcile(report));
    for (const change of [...report.fixed, ...report.notApplied]) {
      const why = change.error ? ` (${change.error})` : "";
      console.log(
        `  ${change.outcome}${why}: ${change.kind} ${change.stripeId} → event ${change.eventRecordId}`,
      );
    }
  }
  process.exit(0);
} catch (error) {
  console.error(`Reconcile failed: ${(error as Error).message}`);
  process.exit(1);
}
