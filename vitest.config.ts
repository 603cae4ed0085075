import path from "node:path";
import { defineConfig } from "vitest/config";
import { testDatabaseUrl } from "./tooling/database/database-url.ts";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // next-auth imports "next/server" without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    env: {
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_POOL_SIZE: "10",
      AUTH_SECRET: "test-auth-secret-at-least-32-characters",
      ENCRYPTION_KEY: "test-encryption-key-at-least-32-chars",
      NEXT_PUBLIC_APP_URL: "http://localhost:3000",
      ADMIN_EMAILS: "first-admin@example.com",
      // Tests sign Stripe events with this secret; API calls go to a sandbox a test starts.
      STRIPE_SECRET_KEY: "sk_test_integration",
      STRIPE_WEBHOOK_SECRET: "whsec_integration_test_secret",
    },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          // One PostgreSQL database, shared: files run one after another.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // The Stripe sandbox's own tests (packages/stripe-sandbox): no database.
          name: "stripe-sandbox",
          include: ["packages/stripe-sandbox/tests/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
