/**
 * The server the end-to-end tests drive: a fresh PostgreSQL database (E2E_DATABASE_URL, by
 * default `offerings_e2e` on the local server), a production build, and `npm start` on it with
 * the Stripe sandbox and the demo provider switched on explicitly. Its email goes over SMTP to a
 * local sink that writes .data/e2e-mail.jsonl, where tests read sign-in and verification links.
 * Its log is also written to .data/e2e-server.log. Its Stripe sandbox and local secrets live in
 * .data/e2e/, emptied at every start like the database: a sandbox kept from an earlier run would
 * hold objects the fresh database never heard of, and a clock that earlier runs moved years on.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { recreateDatabase } from "../tooling/database/recreate-database";
import { startMailSink } from "../tooling/server/mail-sink";
import { testDatabaseUrl } from "../tooling/database/database-url";
import { e2eMailFile, e2eServerLog } from "../tooling/server/e2e-paths";

const databaseUrl = process.env.E2E_DATABASE_URL ?? testDatabaseUrl("offerings_e2e");
await recreateDatabase(databaseUrl);

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2526);
const dataDir = path.resolve(".data/e2e");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
rmSync(e2eMailFile, { force: true });
await startMailSink(smtpPort, e2eMailFile);

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  DATA_DIR: dataDir,
  DEMO_PROVIDER: "on",
  DEMO_DATA: "on",
  STRIPE_SANDBOX: "on",
  EMAIL_SERVER: `smtp://127.0.0.1:${smtpPort}`,
  // A configured admin address that only its verified owner may turn into an admin.
  ADMIN_EMAILS: "boss@corp.test",
  // The tests play one load balancer in front of the app: the rightmost X-Forwarded-For entry
  // names the client (tests/e2e/client-address.spec.ts), so a test can speak from an address.
  TRUSTED_PROXY_HOPS: "1",
  // Outgoing webhooks go to receivers the tests run on this machine.
  OUTGOING_WEBHOOKS_ALLOW_PRIVATE: "on",
  NEXT_TELEMETRY_DISABLED: "1",
};

function run(command: string, args: string[], log?: NodeJS.WritableStream): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve("node_modules/.bin", command), args, {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (chunk: Buffer) => {
        process.stdout.write(chunk);
        log?.write(chunk);
      });
    }
    child.on("exit", (code) => resolve(code ?? 1));
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.on(signal, () => child.kill(signal));
  });
}

if (process.env.E2E_SKIP_BUILD !== "1") {
  const built = await run("next", ["build"]);
  if (built !== 0) process.exit(built);
}
const log = createWriteStream(e2eServerLog);
process.exit(await run("tsx", ["scripts/run.ts", "start"], log));
