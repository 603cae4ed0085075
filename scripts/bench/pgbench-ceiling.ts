/**
 * The database's own ceiling for the webhook benchmarks: pgbench runs pgbench-fulfilment.sql (the
 * webhook's writes in one transaction, without the app) on rows prepared here.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { db } from "@/lib/db";
import type { Goals } from "./report";
import { completedEvent, countEffects } from "./stripe-orders";
import { embeddedOffering } from "../../tooling/seed/factories";

export const PGBENCH = { seconds: 10, threads: 2, rows: 40_000, clients: 50 }; // rows: enough for 4,000 tx/s
const PGBENCH_SCRIPT = path.resolve("scripts/bench/pgbench-fulfilment.sql");

/**
 * pgbench's own offering and `rows` pending Stripe orders (user, purchase, order), numbered the
 * way pgbench-fulfilment.sql takes them; then VACUUM ANALYZE, so pgbench starts on fresh stats.
 */
export async function preparePgbenchRows(rows: number) {
  const { community, offering } = await embeddedOffering({ name: "pgbench offering" });
  const { priceAmount, currency } = await db.offering.findUniqueOrThrow({
    where: { id: offering.id },
    select: { priceAmount: true, currency: true },
  });
  await db.$executeRaw`
    INSERT INTO "User" (id, email, "updatedAt")
    SELECT 'pgbench-user-' || k, 'pgbench-user-' || k || '@example.test', now()
    FROM generate_series(1, ${rows}::int) k`;
  await db.$executeRaw`
    INSERT INTO "Purchase" (id, "userId", "offeringId", "updatedAt")
    SELECT 'pgbench-purchase-' || k, 'pgbench-user-' || k, ${offering.id}, now()
    FROM generate_series(1, ${rows}::int) k`;
  await db.$executeRaw`
    INSERT INTO "Order" (id, "purchaseId", "userId", "offeringId", amount, currency, provider, "updatedAt")
    SELECT 'pgbench-order-' || k, 'pgbench-purchase-' || k, 'pgbench-user-' || k, ${offering.id},
           ${priceAmount}, ${currency}, 'STRIPE', now()
    FROM generate_series(1, ${rows}::int) k`;
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  return { id: offering.id, communityId: community.id, priceAmount, currency, orderIds: [] };
}

export type PgbenchResult = { tps: number; transactions: number; failed: number; exitCode: number };

/** Runs pgbench on the fulfilment script; `payload` is the event as the app stores it. */
export async function runPgbench(databaseUrl: string, payload: string): Promise<PgbenchResult> {
  if (payload.includes("'")) throw new Error("The pgbench payload must not contain a quote (')");
  const { seconds, threads } = PGBENCH;
  const options = ["-n", "-c", `${PGBENCH.clients}`, "-j", `${threads}`, "-T", `${seconds}`];
  const variables = ["n=0", `clients=${PGBENCH.clients}`, `payload=${payload}`].flatMap((v) => [
    "-D",
    v,
  ]);
  const args = [...options, "-f", PGBENCH_SCRIPT, ...variables, databaseUrl];
  const child = spawn("/usr/bin/pgbench", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [exitCode] = (await once(child, "exit")) as [number | null];
  const figure = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? Number.NaN);
  const lines = output.split("\n").filter((line) => /^(number of|latency|tps|pgbench:)/.test(line));
  console.log(
    lines
      .map((line) => `  ${line.slice(0, 200)}`)
      .slice(0, 12)
      .join("\n"),
  );
  return {
    tps: figure(/^tps = ([\d.]+)/m),
    transactions: figure(/^number of transactions actually processed: (\d+)/m),
    failed: figure(/^number of failed transactions: (\d+)/m),
    exitCode: exitCode ?? 1,
  };
}

/** The app's figure that pgbench's is the ceiling of, and the share of it that is the goal. */
export type CeilingComparison = { label: string; eventsPerSecond: number; ratioGoal: number };

/**
 * pgbench's figure, valid only when every transaction it counted made the writes, and the app's
 * events/s as a share of it (goal ≥ `ratioGoal`).
 */
export async function measureDatabaseCeiling(
  databaseUrl: string,
  goals: Goals,
  { label, eventsPerSecond, ratioGoal }: CeilingComparison,
) {
  console.log(
    `\npgbench: ${PGBENCH.rows} pending orders prepared, ${PGBENCH.clients} clients, ${PGBENCH.seconds} s`,
  );
  const offering = await preparePgbenchRows(PGBENCH.rows);
  const payload = JSON.stringify(JSON.parse(completedEvent(offering, "pgbench-order-1")));
  const pgbench = await runPgbench(databaseUrl, payload);
  const { succeeded, grants } = await countEffects(offering);
  console.log(`  database     ${succeeded} pgbench purchases SUCCEEDED, ${grants} GRANT rows`);
  const applied = `${succeeded} of ${pgbench.transactions}`;
  const valid =
    pgbench.exitCode === 0 &&
    pgbench.failed === 0 &&
    succeeded === pgbench.transactions &&
    grants === pgbench.transactions;

  const ratio = eventsPerSecond / pgbench.tps;
  const figures = `${eventsPerSecond.toFixed(1)} events/s / ${pgbench.tps.toFixed(1)} tps`;
  console.log(`\nRatio: ${label} ${figures} = ${ratio.toFixed(3)}`);
  const detail = valid
    ? `${ratio.toFixed(3)} = ${figures} (goal ≥ ${ratioGoal})`
    : `pgbench not valid: exit ${pgbench.exitCode}, ${pgbench.failed} failed, ${applied} applied`;
  goals.check(`${label} events/s vs pgbench`, valid && ratio >= ratioGoal, detail);
}
