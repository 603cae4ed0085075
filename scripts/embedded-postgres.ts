/**
 * The embedded PostgreSQL: PGlite, served over the Postgres wire protocol so the app's one code
 * path (Prisma + pg) talks to it like any server. Data stays in a git-ignored folder.
 *
 * PGlite is one session, so its clients take turns: one is connected at a time, and the next
 * waits in line until it has gone (the turnstile below). pglite-socket alone would drop the next
 * one instead, and also drops a client that reconnects right after closing before it has counted
 * the close, as `scripts/db/prepare.ts` does between the migrations and Prisma (always, on Node 24).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  // pg_trgm backs the admin search's "email contains" index (a migration creates the extension).
  const database = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  // pglite-socket listens on a private Unix socket, reached only through the turnstile. Its two
  // slots: the client the turnstile lets through, and the previous one while it finishes closing.
  const socketDir = mkdtempSync(path.join(tmpdir(), "offerings-pglite-"));
  const socketServer = new PGLiteSocketServer({
    db: database,
    path: path.join(socketDir, ".s.PGSQL"),
    maxConnections: 2,
  });
  await socketServer.start();
  const turnstile = createTurnstile(path.join(socketDir, ".s.PGSQL"));
  const release = async () => {
    await turnstile.close();
    await socketServer.stop();
    await database.close();
    rmSync(socketDir, { recursive: true, force: true });
  };
  try {
    await listen(turnstile.server, port);
  } catch (error) {
    await release();
    throw new Error(
      `Could not listen on 127.0.0.1:${port} for the embedded database (${(error as Error).message}). ` +
        "Is another copy of the app running? Set EMBEDDED_DB_PORT to use another port.",
    );
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`, stop: release };
}

/** A TCP server that lets one client at a time through to `socketPath`; the others wait in line. */
function createTurnstile(socketPath: string) {
  const line: net.Socket[] = [];
  const open = new Set<net.Socket>();
  let passing = false;

  const admitNext = () => {
    if (passing) return;
    const client = line.shift();
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
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.on("error", () => client.destroy()).on("close", () => open.delete(client));
    line.push(client);
    admitNext();
  });
  const close = () =>
    new Promise<void>((resolve) => {
      line.length = 0;
      for (const socket of open) socket.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  return { server, close };
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}
