/**
 * The start-up check of ENCRYPTION_KEY against the fingerprint the database recorded
 * (lib/settings/encryption-key.ts), with its log lines: for `npm start` (prepare.ts) and the
 * release step `npm run db:migrate`. False when the key is not the database's.
 */
import { checkEncryptionKey } from "@/lib/settings/encryption-key";

export async function encryptionKeyAccepted(): Promise<boolean> {
  const key = await checkEncryptionKey();
  if (key.status === "mismatch") {
    console.error(`[db] ${key.message}`);
    return false;
  }
  if (key.status === "recorded") console.log("[db] recorded the encryption key's fingerprint");
  if (key.status === "previous") {
    console.warn(
      "[db] the stored secrets are still under ENCRYPTION_KEY_PREVIOUS: run `npm run secrets:reencrypt`",
    );
  }
  return true;
}
