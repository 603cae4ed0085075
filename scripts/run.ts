/**
 * `npm run dev` / `npm start`: runs the app with embedded defaults for whatever is not
 * configured. No DATABASE_URL: an embedded PostgreSQL (PGlite) in .data/, with the local Stripe
 * sandbox (the app's own SDK pointed at it) and the demo payment provider: the demo. With a
 * DATABASE_URL those two run only when STRIPE_SANDBOX=on / DEMO_PROVIDER=on (launch-plan.ts).
 * No AUTH_SECRET or ENCRYPTION_KEY: generated once into .data/, except in production
 * (NODE_ENV=production with a DATABASE_URL), which stops instead. Then migrations and the
 * encryption key's check, demo data on an empty embedded database (on a DATABASE_URL only with
 * DEMO_DATA=on), and Next itself, inside the app's HTTP server (scripts/server.ts).
 *
 * The server is started first, since Next's first compile is the longest step: everything it
 * needs to know (the database's and the sandbox's addresses) is decided before anything starts.
 * Node runs this file and the server's as they are (it strips their types); the sandbox and the
 * database's preparation, which import the app's modules, load through tsx.
 *
 * `npm run dev` / `npm start` run it as `node --liftoff-only`: the embedded database (PGlite,
 * WebAssembly) lives in this process, and V8's optimizing compiler would otherwise compile
 * PostgreSQL's functions again on background threads, 0.7 s of CPU in the first seconds, while
 * Next compiles the first page. On the baseline compiler's code alone, 6,000 inserts and searches
 * took as long as with the optimizing compiler (4.4–5.4 s against 4.6–4.8 s).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { copyEmbeddedTemplate } from "./db/embedded-template.ts";
import { listenEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.ts";
import { withHeapCap } from "./heap-cap.ts";
import { planLaunch } from "./launch-plan.ts";
import { startLaunchSandbox, type LaunchSandbox } from "./launch-sandbox.ts";
import { loadLocalSecrets, productionSecretsProblem } from "./local-secrets.ts";
import { sinceStart, startLogOrigin, stopwatch } from "./start-timer.ts";
import { whenAppAnswers } from "./when-app-answers.ts";

// The launcher decides what to embed, so it reads .env itself (Next would only read it later).
if (existsSync(".env")) process.loadEnvFile(".env");

const mode = process.argv[2] === "start" ? "start" : "dev";
const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
const port = process.env.PORT ?? "3000";
// START_LOG_ORIGIN: the processes it starts time their log lines from its start (start-timer.ts).
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  NEXT_TELEMETRY_DISABLED: "1",
  START_LOG_ORIGIN: startLogOrigin(),
};
env.NEXT_PUBLIC_APP_URL ??= `http://localhost:${port}`;
env.AUTH_URL ??= env.NEXT_PUBLIC_APP_URL;

const plan = planLaunch(env);
env.DEMO_PROVIDER = plan.demoProvider ? "on" : "off";
const secretsProblem = productionSecretsProblem(env);
if (secretsProblem) {
  console.error(secretsProblem);
  process.exit(1);
}
// The Node it runs on (after a refusal, which stays the one line printed). npm puts
// node_modules/.bin first on the PATH, so the `node` devDependency (Node 24) runs this launcher
// and every process it starts, whatever Node the machine has.
console.log(`[run] Node ${process.version} (${process.execPath})`);
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.warn(
    "[run] the app is tested on Node 24, which `npm install` puts in node_modules/.bin: start it with `npm run dev` / `npm start`",
  );
}
const localSecrets = loadLocalSecrets(dataDir);
if (!env.AUTH_SECRET || !env.ENCRYPTION_KEY) {
  env.AUTH_SECRET ??= localSecrets.AUTH_SECRET;
  env.ENCRYPTION_KEY ??= localSecrets.ENCRYPTION_KEY;
  console.log(
    `[run] using local secrets from ${path.relative(process.cwd(), dataDir)}/ (set AUTH_SECRET and ENCRYPTION_KEY in production)`,
  );
}

if (!env.STRIPE_SECRET_KEY && !plan.stripeSandbox) {
  console.log(
    "[run] no STRIPE_SECRET_KEY: Stripe channels answer 503 until it is set (STRIPE_SANDBOX=on runs the local sandbox)",
  );
}
// The sandbox's addresses and secret, for the app; it starts once the server has (below).
const sandboxPort = Number(env.STRIPE_SANDBOX_PORT ?? "12111");
if (plan.stripeSandbox) {
  Object.assign(env, {
    STRIPE_SECRET_KEY: "sk_test_local_sandbox",
    STRIPE_WEBHOOK_SECRET: localSecrets.STRIPE_SANDBOX_WEBHOOK_SECRET,
    // Where it listens: 127.0.0.1 (its default host), on that port.
    STRIPE_API_BASE: `http://127.0.0.1:${sandboxPort}`,
    STRIPE_SANDBOX_PUBLIC_URL: (
      env.STRIPE_SANDBOX_PUBLIC_URL ?? `http://localhost:${sandboxPort}`
    ).replace(/\/+$/, ""),
  });
}

let embedded: EmbeddedPostgres | undefined;
// Declared before their one assignment: shutdown() may run while the build or the database is
// still being prepared, before either exists.
let server: ChildProcess | undefined;
let sandbox: LaunchSandbox | undefined;
const embeddedStarting = stopwatch();
if (plan.embeddedDatabase) {
  const dbPort = Number(env.EMBEDDED_DB_PORT ?? "54329");
  // Listening at once; PGlite loads meanwhile, and the app's server, started next, waits in line
  // until the database is prepared. A new database is copied from npm install's template.
  embedded = await listenEmbeddedPostgres(path.join(dataDir, "pglite"), dbPort, {
    held: true,
    template: copyEmbeddedTemplate,
  });
  env.DATABASE_URL = embedded.url;
  env.DATABASE_POOL_SIZE = "1"; // PGlite serves one connection
  env.EMBEDDED_DATABASE = "on"; // …so the app starts no scheduler of its own on it
  // The demo's outgoing webhooks may go to a receiver on this machine (http://localhost:…).
  env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE ??= "on";
}

/** Node's arguments for a TypeScript file: as it is if this Node strips types, else through tsx. */
const typeScript = process.features.typescript ? [] : ["--import", "tsx"];

/** Runs a step to completion; asynchronously, since the embedded database lives in this process. */
function runStep(command: string, args: string[], stepEnv = env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: stepEnv });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** Starts the Stripe sandbox, if it is to run; stops everything if it cannot. */
async function startSandbox(): Promise<void> {
  if (!plan.stripeSandbox) return;
  sandbox = await startLaunchSandbox({
    port: sandboxPort,
    publicUrl: env.STRIPE_SANDBOX_PUBLIC_URL ?? "",
    webhookUrl: `${env.NEXT_PUBLIC_APP_URL}/api/webhooks/stripe`,
    webhookSecret: localSecrets.STRIPE_SANDBOX_WEBHOOK_SECRET,
    dataFile: path.join(dataDir, "stripe-sandbox.json"),
    retryScale: Number(env.STRIPE_SANDBOX_RETRY_SCALE ?? "0.01"),
  }).catch(async (error: Error) => {
    console.error(
      `[run] the Stripe sandbox did not start on port ${sandboxPort}: ${error.message}`,
    );
    return shutdown(1);
  });
}

/**
 * Creates the embedded database (if it is the one), applies the migrations, checks the key and
 * seeds: scripts/db/prepare.ts, its own process. On the embedded database it goes first in line
 * (preparationUrl) and lets the server's connections through when it is done.
 */
async function prepareDatabase(): Promise<void> {
  const preparing = stopwatch();
  if (embedded) {
    const opening = await embedded.ready.catch(async (error: Error) => {
      console.error(`[run] the embedded database did not start: ${error.message}`);
      return shutdown(1);
    });
    console.log(
      `[run] embedded PostgreSQL on ${new URL(embedded.url).host}, data in ${path.relative(process.cwd(), dataDir)}/pglite, ${opening} (${embeddedStarting.took()})`,
    );
  }
  // Seeding creates the demo's Stripe objects through the sandbox.
  await sandboxStarted;
  const prepared = await runStep(
    process.execPath,
    ["--import", "tsx", "scripts/db/prepare.ts", ...(plan.demoData ? [] : ["--no-seed"])],
    embedded ? { ...env, DATABASE_URL: embedded.preparationUrl } : env,
  );
  if (prepared !== 0) await shutdown(prepared);
  embedded?.open();
  console.log(`[run] database ready (${preparing.took()}), at ${sinceStart()}`);
}

/** Our own HTTP server around Next (timeouts, the client's address): scripts/server.ts. */
function startServer(): ChildProcess {
  // The server alone gets the V8 heap cap (scripts/heap-cap.ts): the build above may need more.
  const capped = withHeapCap(env);
  console.log(
    `[run] ${mode === "dev" ? "development" : "production"} server on ${env.NEXT_PUBLIC_APP_URL}, heap cap ${capped.cap.description}, started at ${sinceStart()}`,
  );
  // Source maps in development, as `next dev` has them: stack traces name the app's files.
  const sourceMaps = mode === "dev" ? ["--enable-source-maps"] : [];
  const child = spawn(
    process.execPath,
    [...typeScript, ...sourceMaps, "scripts/server.ts", mode, "--port", port],
    { stdio: "inherit", env: capped.env },
  );
  child.on("exit", (code) => void shutdown(code ?? 0));
  return child;
}

// The embedded database holds the server's connections until it is prepared, so the server
// starts (and Next compiles) meanwhile; the sandbox starts just after it. Any other database is
// prepared before the server starts.
const startsAtOnce = Boolean(embedded) && (mode === "dev" || existsSync(".next/BUILD_ID"));
if (startsAtOnce) server = startServer();
const sandboxStarted = startSandbox();
const databasePrepared = prepareDatabase();
if (!embedded) await databasePrepared;

if (!startsAtOnce) {
  if (mode === "start" && !existsSync(".next/BUILD_ID")) {
    console.log("[run] no production build yet; running `next build` first");
    const built = await runStep(path.resolve("node_modules/.bin/next"), ["build"]);
    if (built !== 0) await shutdown(built);
  }
  server = startServer();
}
void afterServerStarts();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server?.kill(signal);
  });
}

/**
 * In development, asks for /offerings as soon as the server listens, so that Next compiles the
 * page a newcomer opens first, and nothing else, while the database is prepared. Then the
 * sandbox's held events (seeding's product.created, price.created…) go out once the database is
 * ready and the app answers on the webhook URL, so none is refused by a port nobody listens on yet.
 */
async function afterServerStarts() {
  if (mode === "dev") {
    const catalog = `${env.NEXT_PUBLIC_APP_URL}/offerings`;
    // Often: the compile starts the moment the server listens.
    if (await whenAppAnswers(catalog, { intervalMs: 50 })) {
      console.log(`[run] ready: ${catalog} answered at ${sinceStart()}`);
    }
  }
  await databasePrepared;
  const heldSandbox = sandbox;
  if (heldSandbox && (await whenAppAnswers(`${env.NEXT_PUBLIC_APP_URL}/api/webhooks/stripe`))) {
    heldSandbox.resumeDeliveries();
  }
}

async function shutdown(code: number): Promise<never> {
  const running = server;
  if (running && running.exitCode === null && running.signalCode === null) {
    running.kill("SIGTERM");
    await new Promise((resolve) => running.once("exit", resolve));
  }
  await sandbox?.close().catch(() => {});
  await embedded?.stop().catch(() => {});
  process.exit(code);
}
