/**
 * `npm run secrets:reencrypt`, the second half of a key rotation: every stored secret is
 * decrypted (with ENCRYPTION_KEY, else ENCRYPTION_KEY_PREVIOUS) and encrypted again under
 * ENCRYPTION_KEY, and the recorded fingerprint becomes the new key's. One transaction: a secret
 * neither key reads stops it with nothing changed.
 */
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptSecret, encryptSecret, type Keyring } from "@/lib/security/secrets";
import { configuredKeyring, recordEncryptionKey } from "@/lib/settings/encryption-key";
import { invalidateStripeSettings } from "@/lib/stripe/settings";
import { walkStoredSecrets } from "@/lib/settings/stored-secrets";

export type ReencryptSecretsResult = { reencrypted: number };

export async function reencryptSecrets({
  keys = configuredKeyring(),
}: { keys?: Keyring } = {}): Promise<ReencryptSecretsResult> {
  const walk = await db.$transaction(
    async (tx) => {
      const walk = await walkStoredSecrets(tx, (value, where) => {
        let plain: string;
        try {
          plain = decryptSecret(value, keys);
        } catch {
          throw new AppError(
            "conflict",
            `Neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS decrypts ${where}; nothing was changed.`,
            { where },
          );
        }
        return encryptSecret(plain, { current: keys.current });
      });
      await recordEncryptionKey(tx, keys.current);
      return walk;
    },
    { timeout: 120_000 },
  );
  invalidateStripeSettings();
  return { reencrypted: walk.rewritten };
}
