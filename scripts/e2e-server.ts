/**
 * The server the end-to-end tests drive: a fresh PostgreSQL database (E2E_DATABASE_URL, by
 * default `offerings_e2e` on the local server), a production build, and `npm start` on it.
 * Its log is also written to .data/e2e-server.log, where tests read magic sign-in links.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { recreateDatabase } from "../tests/helpers/fresh-database";
import { testDatabaseUrl } from "../tests/helpers/database-url";

const databaseUrl = process.env.E2E_DATABASE_URL ?? testDatabaseUrl("offerings_e2e");
await recreateDatabase(databaseUrl);

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  DEMO_PROVIDER: "on",
  NEXT_TELEMETRY_DISABLED: "1",
};

function run(command: string, args: string[], log?: NodeJS.WritableStream): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve("node_modules/.bin", command), args, { env, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (chunk: Buffer) => {
        process.stdout.write(chunk);
        log?.write(chunk);
      });
    }
    child.on("exit", (code) => resolve(code ?? 1));
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  });
}

if (process.env.E2E_SKIP_BUILD !== "1") {
  const built = await run("next", ["build"]);
  if (built !== 0) process.exit(built);
}
mkdirSync(".data", { recursive: true });
const log = createWriteStream(path.resolve(".data/e2e-server.log"));
process.exit(await run("tsx", ["scripts/run.ts", "start"], log));
