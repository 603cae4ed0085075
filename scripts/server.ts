/**
 * The app's HTTP server: scripts/run.ts starts it for `npm start` and `npm run dev`, in place of
 * `next start` / `next dev`, which set neither of the two things it is for. Next runs inside it
 * through its programmatic API (`next({ dev })`, Next's "custom server"), behind a node:http server
 * of our own, so that:
 * - a slow client is cut off: it has HTTP_HEADERS_TIMEOUT_MS to send its headers and
 *   HTTP_REQUEST_TIMEOUT_MS for the whole request (a stalled body gets 408 and the connection
 *   closes), and an idle keep-alive connection closes after HTTP_KEEP_ALIVE_TIMEOUT_MS;
 * - the client's address is decided here, from the socket or TRUSTED_PROXY_HOPS, and handed to
 *   the app in `x-client-address`, overwriting any copy the client sent
 *   (lib/security/client-address.ts).
 * - the catalog (`/offerings`), which Next serves from its cache, is answered from an edge copy of
 *   Next's answer without entering Next at all (lib/http/edge-page-cache.ts), in production;
 * - the outbox worker runs in a process of its own beside it (scripts/outbox-process.ts), unless
 *   OUTBOX_WORKER says otherwise or the database is the embedded one.
 *
 * Usage: node scripts/server.ts start|dev [--port 3000] [--hostname 0.0.0.0]
 * Node runs it as it is (it strips the types; hence the `.ts` in its imports, which import
 * nothing of the app's beyond configuration), so nothing stands between Node and Next: a loader
 * such as tsx would sit in every `require` of Next's server and its compiled chunks, and in the
 * workers Next starts with the server's Node arguments (in development, one per dynamic page).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { httpServerSettings } from "../lib/env.ts";
import { answerFromEdge } from "../lib/http/edge-page-cache.ts";
import { holdBackgroundWorkForFirstRequest, markRequestReceived } from "../lib/first-request.ts";
import { CATALOG_PUBLIC_PATH } from "../lib/offerings/catalog-path.ts";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressOf,
  markClientAddressServer,
} from "../lib/security/client-address.ts";
import { hasHeapCap, withHeapCap } from "./heap-cap.ts";
import { startOutboxProcess } from "./outbox-process.ts";
import { sinceStart } from "./start-timer.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string", default: "3000" }, hostname: { type: "string" } },
});
const dev = positionals[0] === "dev";
// Its settings are read before Next reads .env (when run alone, as `npm run serve`).
if (existsSync(".env")) process.loadEnvFile(".env");
// Its launchers hand it a V8 heap cap in NODE_OPTIONS (scripts/heap-cap.ts); started alone
// (`npm run serve`), it starts itself again under one, since V8 sizes its heap only at start.
if (!hasHeapCap(process.env)) {
  const { env, cap } = withHeapCap(process.env);
  console.log(`[server] heap cap ${cap.description}`);
  const args = [...process.execArgv, ...process.argv.slice(1)];
  const capped = spawn(process.execPath, args, { env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => capped.kill(signal));
  }
  const [code] = (await once(capped, "exit")) as [number | null];
  process.exit(code ?? 1);
}
const port = Number(values.port);
const settings = httpServerSettings();
// What `next start` / `next dev` set for themselves, before React or Next is loaded.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });

const server = createServer({
  headersTimeout: settings.HTTP_HEADERS_TIMEOUT_MS,
  requestTimeout: settings.HTTP_REQUEST_TIMEOUT_MS,
  // How often Node checks those two; its default (30 s) would let a short timeout run long.
  connectionsCheckingInterval: Math.min(1_000, settings.HTTP_HEADERS_TIMEOUT_MS),
});
server.keepAliveTimeout = settings.HTTP_KEEP_ALIVE_TIMEOUT_MS;

markClientAddressServer();
if (dev) holdBackgroundWorkForFirstRequest();
const { default: next } = await import("next");
const app = next({ dev, port, hostname: values.hostname, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
// After Next has read its .env files, which the worker's environment then carries too.
const outbox =
  settings.OUTBOX_WORKER === "process" && settings.EMBEDDED_DATABASE !== "on"
    ? startOutboxProcess(process.env)
    : undefined;
// Pages answered from an edge copy of Next's cached answer (production only: lib/http/edge-page-cache.ts).
const edgePages: ReadonlySet<string> = new Set(dev ? [] : [CATALOG_PUBLIC_PATH]);

server.on("request", (request, response) => {
  // Under `next dev`, background work waits for the first request (lib/first-request.ts).
  markRequestReceived();
  // A path that is not UTF-8 once decoded (%ED%A0%80, %FF) names nothing, and Next's router fails
  // on it with a 500: answered here, for pages, routes and webhooks alike.
  if (!isDecodablePath(request.url ?? "/")) {
    response.writeHead(404, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        error: "not_found",
        message: "There is nothing at this address.",
        details: {},
      }),
    );
    return;
  }
  if (answerFromEdge(request, response, edgePages)) return;
  const address = clientAddressOf({
    socketAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    trustedProxyHops: settings.TRUSTED_PROXY_HOPS,
  });
  if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete request.headers[CLIENT_ADDRESS_HEADER];
  handle(request, response).catch((error: unknown) => {
    console.error(`[server] failed to handle ${request.method} ${request.url}`, error);
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  });
});
server.listen(port, values.hostname, () => {
  const { HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS } = settings;
  const heapLimit = Math.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024);
  console.log(
    `[server] listening on port ${port} at ${sinceStart()} (Node ${process.version}, heap limit ${heapLimit} MiB); timeouts: headers ${HTTP_HEADERS_TIMEOUT_MS} ms, request ${HTTP_REQUEST_TIMEOUT_MS} ms, keep-alive ${HTTP_KEEP_ALIVE_TIMEOUT_MS} ms; trusted proxy hops: ${settings.TRUSTED_PROXY_HOPS}`,
  );
});

function isDecodablePath(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
    void Promise.all([app.close(), outbox?.stop()]).finally(() => process.exit(0));
  });
}
