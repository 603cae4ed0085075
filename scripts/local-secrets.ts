/**
 * Secrets for running with no configuration: generated once and kept in the git-ignored data
 * folder, so sessions and encrypted offering secrets survive restarts. Production sets its own,
 * and refuses to start without them (productionSecretsProblem).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const generators = {
  AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  ENCRYPTION_KEY: () => randomBytes(32).toString("base64url"),
  STRIPE_SANDBOX_WEBHOOK_SECRET: () => `whsec_${randomBytes(24).toString("base64url")}`,
};
type LocalSecrets = Record<keyof typeof generators, string>;

export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "local-secrets.json");
  const stored: Partial<LocalSecrets> = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : {};
  const secrets = { ...stored } as LocalSecrets;
  let changed = false;
  for (const [name, generate] of Object.entries(generators) as [
    keyof LocalSecrets,
    () => string,
  ][]) {
    if (!secrets[name]) {
      secrets[name] = generate();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

const requiredInProduction = ["AUTH_SECRET", "ENCRYPTION_KEY"] as const;

/**
 * A production server (NODE_ENV=production with a DATABASE_URL) must bring its own secrets:
 * generated ones would live in a data folder that a redeploy loses, and with them every session
 * and every stored secret. Returns the one line that says what is missing, or null.
 */
export function productionSecretsProblem(env: Record<string, string | undefined>): string | null {
  if (env.NODE_ENV !== "production" || !env.DATABASE_URL) return null;
  const problems = requiredInProduction.flatMap((name) => {
    const value = env[name];
    if (!value) return [`${name} is not set`];
    return value.length < 16 ? [`${name} is shorter than 16 characters`] : [];
  });
  if (problems.length === 0) return null;
  return `[run] ${problems.join("; ")}. A production server (NODE_ENV=production with a DATABASE_URL) needs its own: make one with \`openssl rand -base64 32\` and set it in the server's environment.`;
}

/**
 * For a command run beside the app (`npm run reconcile`, `outbox:worker`, `secrets:reencrypt`):
 * the app's secrets from the environment, else, outside production, the launcher's fallback in
 * DATA_DIR, as for `npm start`. In production without them it prints why and exits with code 2.
 */
export function applyAppSecrets(env: NodeJS.ProcessEnv = process.env): void {
  const problem = productionSecretsProblem(env);
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
  const local = loadLocalSecrets(path.resolve(env.DATA_DIR ?? ".data"));
  env.AUTH_SECRET ||= local.AUTH_SECRET;
  env.ENCRYPTION_KEY ||= local.ENCRYPTION_KEY;
}
