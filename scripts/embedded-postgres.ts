/**
 * The embedded PostgreSQL: PGlite, served over the Postgres wire protocol so the app's one code
 * path (Prisma + pg) talks to it like any server. Data stays in a git-ignored folder.
 *
 * PGlite is one session, so its clients take turns: one is connected at a time, and the next
 * waits in line until it has gone (the turnstile below). pglite-socket alone would drop the next
 * one instead, and also drops a client that reconnects right after closing before it has counted
 * the close, as `scripts/db/prepare.ts` does between the migrations and Prisma (always, on Node 24).
 *
 * The launcher starts the app's server while the database is still being created, migrated and
 * seeded (`held`): the server's clients connect to `url` and wait in line, and only the clients
 * of `preparationUrl` (a second port, chosen by the system) are let through until `open()`.
 *
 * PGlite itself (a few MB of JavaScript and WebAssembly) is loaded once the ports listen, so that
 * listening costs the launcher nothing before it starts the server. A new database is created
 * (PostgreSQL's initdb, about 2 s of CPU) unless `template` fills the empty folder first.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** How the database was opened: a new one, or the one already in the folder. */
export type EmbeddedOpening = "created" | "from the template" | "reopened";

export type EmbeddedPostgres = {
  url: string;
  /** Served before `url`'s clients, and while they are held. */
  preparationUrl: string;
  /** Resolves once the database is opened and served; rejects if it cannot be. */
  ready: Promise<EmbeddedOpening>;
  /** Lets `url`'s clients through (at once unless started `held`). */
  open: () => void;
  stop: () => Promise<void>;
};

/** The address of the embedded database listening on 127.0.0.1:`port`. */
export const embeddedPostgresUrl = (port: number) =>
  `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;

export type EmbeddedOptions = {
  /** Hold `url`'s clients until `open()`. */
  held?: boolean;
  /**
   * Called when `dataDir` holds no database yet: may fill it with a ready-made one (a copy of a
   * data folder), and says whether it did.
   */
  template?: (dataDir: string) => Promise<boolean>;
};

/**
 * Listens on 127.0.0.1:`port` (0: a free one) at once, and creates (or reopens) the database in `dataDir` in the
 * background (`ready`). Clients wait in line until it is ready, and `url`'s until `open()` when
 * `held`.
 */
export async function listenEmbeddedPostgres(
  dataDir: string,
  port: number,
  { held = false, template }: EmbeddedOptions = {},
): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  // pglite-socket listens on a private Unix socket, reached only through the turnstile.
  const socketDir = mkdtempSync(path.join(tmpdir(), "offerings-pglite-"));
  const socketPath = path.join(socketDir, ".s.PGSQL");
  const turnstile = createTurnstile(socketPath, held);
  let socketServer: PGLiteSocketServer | undefined;
  let database: PGlite | undefined;
  const release = async () => {
    await turnstile.close();
    await socketServer?.stop();
    await database?.close();
    rmSync(socketDir, { recursive: true, force: true });
  };
  let listeningPort: number;
  let preparationPort: number;
  try {
    listeningPort = await listen(turnstile.server, port);
    preparationPort = await listen(turnstile.preparationServer, 0);
  } catch (error) {
    await release();
    throw new Error(
      `Could not listen on 127.0.0.1:${port} for the embedded database (${(error as Error).message}). ` +
        "Is another copy of the app running? Set EMBEDDED_DB_PORT to use another port.",
    );
  }
  const ready = (async (): Promise<EmbeddedOpening> => {
    // A new database's folder is filled from the template (if any) while PGlite loads.
    const [opening, { PGlite }, { pg_trgm }, { PGLiteSocketServer }] = await Promise.all([
      fillNewFolder(dataDir, template),
      import("@electric-sql/pglite"),
      import("@electric-sql/pglite/contrib/pg_trgm"),
      import("@electric-sql/pglite-socket"),
    ]);
    // pg_trgm backs the admin search's "email contains" index (a migration creates the extension).
    database = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    // Its two slots: the client the turnstile lets through, and the previous one while it finishes
    // closing.
    socketServer = new PGLiteSocketServer({ db: database, path: socketPath, maxConnections: 2 });
    await socketServer.start();
    turnstile.serve();
    return opening;
  })();
  ready.catch(() => {}); // the caller awaits it; this only keeps an early failure from being unhandled
  return {
    url: embeddedPostgresUrl(listeningPort),
    preparationUrl: embeddedPostgresUrl(preparationPort),
    ready,
    open: turnstile.open,
    stop: release,
  };
}

/** How the database in `dataDir` will open; a folder with none is filled from `template` if it can. */
async function fillNewFolder(
  dataDir: string,
  template: EmbeddedOptions["template"],
): Promise<EmbeddedOpening> {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return "reopened";
  return (await template?.(dataDir)) ? "from the template" : "created";
}

/** The embedded database, created, served and open to all. */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
): Promise<EmbeddedPostgres> {
  const embedded = await listenEmbeddedPostgres(dataDir, port);
  try {
    await embedded.ready;
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return embedded;
}

/**
 * A TCP server that lets one client at a time through to `socketPath`; the others wait in line.
 * Nobody passes before `serve()` (the socket exists), and the main line only after `open()`;
 * `preparationServer`'s clients go first.
 */
function createTurnstile(socketPath: string, held: boolean) {
  const line: net.Socket[] = [];
  const preparationLine: net.Socket[] = [];
  const open = new Set<net.Socket>();
  let passing = false;
  let serving = false;
  let opened = !held;

  const nextClient = () => preparationLine.shift() ?? (opened ? line.shift() : undefined);
  const admitNext = () => {
    if (passing || !serving) return;
    const client = nextClient();
    if (!client) return;
    if (client.destroyed) return admitNext(); // gave up while it waited
    passing = true;
    const upstream = net.connect(socketPath);
    open.add(upstream);
    const hangUp = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", hangUp).on("close", () => {
      open.delete(upstream);
      hangUp();
      passing = false;
      admitNext();
    });
    client.on("close", hangUp);
    client.pipe(upstream).pipe(client);
    client.resume();
  };

  // Paused on connect: a waiting client's first bytes (its startup message) stay unread.
  const serverFor = (queue: net.Socket[]) =>
    net.createServer({ pauseOnConnect: true }, (client) => {
      open.add(client);
      client.on("error", () => client.destroy()).on("close", () => open.delete(client));
      queue.push(client);
      admitNext();
    });
  const server = serverFor(line);
  const preparationServer = serverFor(preparationLine);
  const closeServer = (which: net.Server) =>
    new Promise<void>((resolve) => {
      if (!which.listening) return resolve();
      which.close(() => resolve());
    });
  const close = async () => {
    line.length = 0;
    preparationLine.length = 0;
    for (const socket of open) socket.destroy();
    await Promise.all([closeServer(server), closeServer(preparationServer)]);
  };
  return {
    server,
    preparationServer,
    close,
    serve: () => {
      serving = true;
      admitNext();
    },
    open: () => {
      opened = true;
      admitNext();
    },
  };
}

/** Listens on 127.0.0.1:`port` (0: a free one); the port it listens on. */
function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}
