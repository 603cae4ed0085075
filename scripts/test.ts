/**
 * `npm test`: every suite. Unit and integration tests (Vitest, on a real PostgreSQL), then the
 * end-to-end flows (Playwright, in Debian's Chromium, against a production build). Prints one
 * closing line, "N passed, N failed", and exits non-zero when anything failed.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { maintenanceUrl, testDatabaseUrl } from "../tooling/database/database-url";

const resultsDir = path.resolve(".data/test-results");
const vitestJson = path.join(resultsDir, "vitest.json");
const playwrightJson = path.join(resultsDir, "playwright.json");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function preflight() {
  const client = new pg.Client({ connectionString: maintenanceUrl(testDatabaseUrl()) });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    console.error(
      `Tests need PostgreSQL at ${maintenanceUrl(testDatabaseUrl())} (set TEST_DATABASE_URL): ${(error as Error).message}`,
    );
    process.exit(1);
  }
  if (!existsSync(chromium)) {
    console.error(
      `End-to-end tests need Chromium at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
    process.exit(1);
  }
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve("node_modules/.bin", command), args, {
      stdio: "inherit",
      env: { ...process.env, ...env },
    });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

type VitestReport = { numPassedTests: number; numFailedTests: number };
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number } };

/** [passed, failed] from a runner's JSON report; no report at all counts as a failure. */
function readCounts<R>(file: string, pick: (report: R) => [number, number]): [number, number] {
  if (!existsSync(file)) return [0, 1];
  return pick(JSON.parse(readFileSync(file, "utf8")) as R);
}

console.log(`[test] Node ${process.version} (${process.execPath})`);
await preflight();
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const vitest = await run("vitest", [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${vitestJson}`,
]);
const playwright = await run("playwright", ["test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
});

const [vitestPassed, vitestFailed] = readCounts<VitestReport>(vitestJson, (r) => [
  r.numPassedTests,
  r.numFailedTests,
]);
const [e2ePassed, e2eFailed] = readCounts<PlaywrightReport>(playwrightJson, (r) => [
  r.stats.expected + r.stats.flaky,
  r.stats.unexpected,
]);
const passed = vitestPassed + e2ePassed;
const failed =
  vitestFailed +
  e2eFailed +
  (vitest !== 0 && vitestFailed === 0 ? 1 : 0) +
  (playwright !== 0 && e2eFailed === 0 ? 1 : 0);

console.log(
  `\nunit + integration: ${vitestPassed} passed, ${vitestFailed} failed; end-to-end: ${e2ePassed} passed, ${e2eFailed} failed`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitest === 0 && playwright === 0 && failed === 0 ? 0 : 1);
