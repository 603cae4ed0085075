/**
 * Extra app instances for end-to-end tests: the production server (scripts/server.ts) on the
 * build already in .next, on a port and database of the test's choosing, in its own process
 * group (started and stopped by tooling/server/app-server.ts, which the benchmarks use too).
 * Several instances given the same database and secrets are one deployment behind a load
 * balancer.
 *
 * Ports: E2E_PORT + 1 … E2E_PORT + 9 (so 3201–3209 by default), next to the main e2e server.
 */
import { randomBytes } from "node:crypto";
import { startServer, type RunningServer } from "../../tooling/server/app-server";

/** What every instance of one deployment must share (see the README, "Several instances"). */
export type SharedSecrets = { authSecret: string; encryptionKey: string; webhookSecret: string };

export function newSharedSecrets(): SharedSecrets {
  return {
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64url"),
    webhookSecret: `whsec_${randomBytes(24).toString("base64url")}`,
  };
}

/** The port of the `offset`-th extra instance (1–9), beside the main e2e server's E2E_PORT. */
export function extraInstancePort(offset: number): number {
  if (!Number.isInteger(offset) || offset < 1 || offset > 9) {
    throw new Error(`extra instance offsets run from 1 to 9, not ${offset}`);
  }
  return Number(process.env.E2E_PORT ?? 3200) + offset;
}

export type AppInstanceOptions = {
  port: number;
  databaseUrl: string;
  secrets: SharedSecrets;
  /** The Stripe sandbox's API base, when the instance should call one. */
  stripeApiBase?: string;
  /** More variables (DATABASE_POOL_SIZE, LOG_LEVEL, RECONCILE_SCHEDULE, …). */
  env?: Partial<NodeJS.ProcessEnv>;
  /** Its log, under .data/. */
  logName: string;
};

export type AppInstance = RunningServer & {
  url: string;
  /** True while its process is running (it was never restarted: nothing restarts it). */
  alive(): boolean;
};

/** Starts the instance and resolves once it answers HTTP; stop() kills its process group. */
export async function startAppInstance(options: AppInstanceOptions): Promise<AppInstance> {
  const { port, databaseUrl, secrets, stripeApiBase, logName } = options;
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "10",
    AUTH_SECRET: secrets.authSecret,
    ENCRYPTION_KEY: secrets.encryptionKey,
    NEXT_PUBLIC_APP_URL: url,
    AUTH_URL: url,
    STRIPE_SECRET_KEY: "sk_test_app_instance",
    STRIPE_WEBHOOK_SECRET: secrets.webhookSecret,
    STRIPE_API_BASE: stripeApiBase,
    STRIPE_SANDBOX_PUBLIC_URL: stripeApiBase,
    // Nothing of the main e2e server's: its own email, no demo provider.
    EMAIL_SERVER: undefined,
    DEMO_PROVIDER: "off",
    ...options.env,
  };
  const server = await startServer({ baseUrl: url, env }, logName);
  const alive = () => {
    try {
      process.kill(server.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  return { ...server, url, alive };
}
