/**
 * Secrets for running with no configuration: generated once and kept in the git-ignored data
 * folder, so sessions and encrypted offering secrets survive restarts. Production sets its own.
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
  const stored: Partial<LocalSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const secrets = { ...stored } as LocalSecrets;
  let changed = false;
  for (const [name, generate] of Object.entries(generators) as [keyof LocalSecrets, () => string][]) {
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
