/**
 * The outbox on the embedded database (the demo's PGlite, one connection): its triggers write the
 * messages, and the worker, polling through the app's own client without LISTEN or pg-boss,
 * dispatches and delivers them; the expiry scan runs there too. In a child process, which owns
 * the PGlite (tests/helpers/outbox-pglite-cli.ts).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("the outbox on the embedded database", () => {
  it("writes, dispatches and delivers a payment's messages, polling on one connection", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "outbox-pglite-"));
    try {
      const child = spawn(
        path.resolve("node_modules/.bin/tsx"),
        [path.resolve("tests/helpers/outbox-pglite-cli.ts"), dataDir],
        {
          env: { ...process.env, EMBEDDED_DB_PORT: process.env.EMBEDDED_DB_PORT ?? "54331" },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const [code] = (await once(child, "exit")) as [number | null];
      expect(code, output).toBe(0);
      const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}");
      expect(result).toEqual({
        delivered: ["access.expired", "access.granted", "purchase.completed"],
        expiry: 1,
        statuses: [{ status: "DELIVERED", _count: 3 }],
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
