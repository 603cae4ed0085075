import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3200);
// E2E_BASE_URL points the tests at a server you already run (for quick local iterations).
const existingServer = process.env.E2E_BASE_URL;
const baseURL = existingServer ?? `http://localhost:${port}`;

/**
 * End-to-end flows in Debian's Chromium (Playwright's own browser download is not used) against
 * a production build on a fresh PostgreSQL database (see scripts/e2e-server.ts).
 */
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: existingServer
    ? undefined
    : {
        command: "npx tsx scripts/e2e-server.ts",
        url: `${baseURL}/offerings`,
        timeout: 420_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        env: { PORT: String(port) },
      },
});
