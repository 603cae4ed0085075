/**
 * A fresh, migrated database holding what a webhook load test sends events about: pending Stripe
 * orders (with each one's `checkout.session.completed` event) and, if asked, live subscriptions
 * (with their renewal events). The rows are written by webhook-load-fixture-cli.ts in a tsx
 * child process; this module needs nothing from lib/, so Playwright specs can import it.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { prepareDatabase } from "../../tooling/database/prepare-database";
import type { SharedSecrets } from "./app-instance";

export type WebhookLoadFixture = {
  offering: {
    id: string;
    communityId: string;
    priceAmount: number;
    currency: string;
    orderIds: string[];
  };
  /** `checkout.session.completed` for orderIds[i], serialised as Stripe sends it. */
  completions: string[];
  subscribers: { offeringId: string; priceId: string; ids: string[] } | null;
  /** Per subscriber, `customer.subscription.updated` then `invoice.paid`. */
  renewals: string[];
};

export type WebhookLoadFixtureOptions = {
  databaseUrl: string;
  secrets: SharedSecrets;
  orders: number;
  subscribers?: number;
};

/** Drops and creates the database, migrates it, then writes the rows. */
export async function prepareWebhookLoadFixture(options: WebhookLoadFixtureOptions) {
  const { databaseUrl, secrets, orders, subscribers = 0 } = options;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: secrets.authSecret,
    ENCRYPTION_KEY: secrets.encryptionKey,
  };
  await prepareDatabase({ databaseUrl, env });

  mkdirSync(".data", { recursive: true });
  const out = path.resolve(".data", `fixture-${new URL(databaseUrl).pathname.slice(1)}.json`);
  const cli = path.resolve("tests/helpers/webhook-load-fixture-cli.ts");
  const args = [
    cli,
    "--orders",
    String(orders),
    "--subscribers",
    String(subscribers),
    "--out",
    out,
  ];
  const child = spawn(path.resolve("node_modules/.bin/tsx"), args, { env, stdio: "inherit" });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`webhook-load-fixture-cli.ts failed (exit ${code})`);
  return JSON.parse(readFileSync(out, "utf8")) as WebhookLoadFixture;
}
