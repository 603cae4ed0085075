/**
 * The embedded PostgreSQL: PGlite, served over the Postgres wire protocol so the app's one code
 * path (Prisma + pg) talks to it like any server. Data stays in a git-ignored folder.
 */
import { mkdirSync } from "node:fs";
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
  const server = new PGLiteSocketServer({ db: database, port, host: "127.0.0.1" });
  try {
    await server.start();
  } catch (error) {
    await database.close();
    throw new Error(
      `Could not listen on 127.0.0.1:${port} for the embedded database (${(error as Error).message}). ` +
        "Is another copy of the app running? Set EMBEDDED_DB_PORT to use another port.",
    );
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await database.close();
    },
  };
}
