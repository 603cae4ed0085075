/**
 * Issue 17, item 13: `npm start` in production (NODE_ENV=production with a DATABASE_URL) refuses
 * to start without its secrets, or with an ENCRYPTION_KEY other than the one the database's
 * secrets are under, before it builds or serves anything; `npm run secrets:reencrypt` moves a
 * database to a new key. The launcher and the scripts run as the operator runs them.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../../tooling/database/database-url";
import { recreateDatabase } from "../../../tooling/database/recreate-database";

const KEY_A = "the-first-encryption-key-0123456789";
const KEY_B = "a-different-encryption-key-987654321";
const AUTH_SECRET = "an-auth-secret-of-at-least-32-characters";
const dataDir = mkdtempSync(path.join(tmpdir(), "production-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Run = { code: number | null; output: string };

/** Runs a project script with only the given variables (nothing of the tests' own). */
type RunEnv = Record<string, string> & { NODE_ENV: "production" };

function run(script: string, args: string[], env: RunEnv): Promise<Run> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATA_DIR: dataDir,
      ...env,
    };
    const child = spawn(path.resolve("node_modules/.bin/tsx"), [script, ...args], {
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

const start = (env: RunEnv) =>
  run("scripts/run.ts", ["start"], {
    PORT: String(Number(process.env.E2E_PORT ?? 3200) + 90),
    ...env,
  });

describe("npm start in production", () => {
  // A database that does not exist: whatever happens, the launcher cannot get as far as a build.
  const nowhere = testDatabaseUrl("offerings_never_created");

  it("stops with one line naming a missing secret and how to make one", async () => {
    const { code, output } = await start({
      NODE_ENV: "production",
      DATABASE_URL: nowhere,
      AUTH_SECRET: "",
      ENCRYPTION_KEY: KEY_A,
    });

    expect(code).toBe(1);
    expect(output.trim().split("\n")).toEqual([
      expect.stringMatching(/^\[run\] AUTH_SECRET is not set\. .*`openssl rand -base64 32`/),
    ]);
    // Nothing was generated in its place.
    expect(existsSync(path.join(dataDir, "local-secrets.json"))).toBe(false);
  });

  it("names both when both are missing", async () => {
    // Empty rather than absent, so that a .env in the checkout cannot fill them in.
    const { code, output } = await start({
      NODE_ENV: "production",
      DATABASE_URL: nowhere,
      AUTH_SECRET: "",
      ENCRYPTION_KEY: "",
    });

    expect(code).toBe(1);
    expect(output.trim()).toMatch(
      /^\[run\] AUTH_SECRET is not set; ENCRYPTION_KEY is not set\. [^\n]*openssl rand -base64 32[^\n]*$/,
    );
  });
});

describe("the encryption key's fingerprint at start-up", () => {
  const databaseUrl = testDatabaseUrl("offerings_key_check");
  const prepare = (key: string, previous?: string) =>
    run("scripts/db/prepare.ts", ["--no-seed"], {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      ENCRYPTION_KEY: key,
      ...(previous ? { ENCRYPTION_KEY_PREVIOUS: previous } : {}),
    });

  it("refuses another key with a message, and secrets:reencrypt moves the database to a new key", async () => {
    await recreateDatabase(databaseUrl);
    const first = await prepare(KEY_A);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain("recorded the encryption key's fingerprint");

    const wrongKey = await start({
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      ENCRYPTION_KEY: KEY_B,
    });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.output).toMatch(
      /\[db\] ENCRYPTION_KEY is not the key this database's secrets are encrypted with .*npm run secrets:reencrypt/,
    );
    expect(wrongKey.output).not.toContain("production server on");

    // The rotation: the new key with the old one as ENCRYPTION_KEY_PREVIOUS starts, then
    // secrets:reencrypt, after which the new key alone matches and the old one is refused.
    const rotating = await prepare(KEY_B, KEY_A);
    expect(rotating.code, rotating.output).toBe(0);
    expect(rotating.output).toContain("run `npm run secrets:reencrypt`");
    const moved = await run("scripts/reencrypt-secrets.ts", [], {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      ENCRYPTION_KEY: KEY_B,
      ENCRYPTION_KEY_PREVIOUS: KEY_A,
    });
    expect(moved.code, moved.output).toBe(0);
    expect(moved.output).toContain("Re-encrypted");
    expect((await prepare(KEY_B)).code).toBe(0);
    expect((await prepare(KEY_A)).code).toBe(1);
  }, 300_000);
});
