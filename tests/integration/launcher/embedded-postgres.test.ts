/**
 * The embedded database (scripts/embedded-postgres.ts) serves one client at a time: a client that
 * connects while another is connected waits for its turn, and one that reconnects right after
 * closing, from another process as `scripts/db/prepare.ts` does, is served, not dropped.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../../scripts/embedded-postgres";

const dataDir = mkdtempSync(path.join(tmpdir(), "embedded-postgres-"));
let embedded: EmbeddedPostgres;

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  embedded = await startEmbeddedPostgres(dataDir, port);
});

afterAll(async () => {
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("serves a client that reconnects right after closing, from another process", async () => {
  // What prepare.ts does: a pool closed, a new one opened at once; a few times, then plain clients.
  const script = `
    import pg from "pg";
    const url = process.argv[1];
    for (let i = 0; i < 5; i++) {
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      await pool.query("SELECT 1");
      await pool.end();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
    }
    console.log("served");
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, embedded.url], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const [code] = (await once(child, "exit")) as [number];
  expect(output.trim()).toBe("served");
  expect(code).toBe(0);
});

it("lets a second client wait until the first has gone, then serves it", async () => {
  const first = new pg.Client({ connectionString: embedded.url });
  await first.connect();
  await first.query("CREATE TABLE IF NOT EXISTS turns (n int)");
  await first.query("BEGIN");
  await first.query("INSERT INTO turns VALUES (1)");

  const order: string[] = [];
  const second = new pg.Client({ connectionString: embedded.url });
  const secondRead = second
    .connect()
    .then(() => second.query<{ count: string }>("SELECT count(*) FROM turns"))
    .then((result) => {
      order.push("second served");
      return Number(result.rows[0].count);
    });
  await new Promise((resolve) => setTimeout(resolve, 300));
  order.push("first still connected");
  await first.query("COMMIT");
  await first.end();

  expect(await secondRead).toBe(1);
  expect(order).toEqual(["first still connected", "second served"]);
  await second.end();
});
