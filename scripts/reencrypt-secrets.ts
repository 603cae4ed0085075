/**
 * `npm run secrets:reencrypt`: the second step of an encryption key rotation (README, "Secrets").
 * With the new key as ENCRYPTION_KEY and the old one as ENCRYPTION_KEY_PREVIOUS, it moves every
 * stored secret to the new key and records the new key's fingerprint; then the old key can go.
 * It needs DATABASE_URL, from the environment or .env.
 */
import { existsSync } from "node:fs";
import { applyAppSecrets } from "./local-secrets";

if (existsSync(".env")) process.loadEnvFile(".env");
if (!process.env.DATABASE_URL) {
  console.error(
    "No DATABASE_URL. The embedded demo keeps its own key in .data/ and needs no rotation.",
  );
  process.exit(2);
}
applyAppSecrets();

const { reencryptSecrets } = await import("../lib/settings/reencrypt-secrets");
try {
  const { reencrypted } = await reencryptSecrets();
  console.log(
    `Re-encrypted ${reencrypted} stored secret(s) under ENCRYPTION_KEY and recorded its fingerprint. ` +
      "ENCRYPTION_KEY_PREVIOUS can now be removed.",
  );
  process.exit(0);
} catch (error) {
  console.error(`Re-encryption failed: ${(error as Error).message}`);
  process.exit(1);
}
