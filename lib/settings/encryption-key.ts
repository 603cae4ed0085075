/**
 * Which key this database's secrets are encrypted with, by fingerprint (never the key): the
 * `encryption_key` setting. The launcher checks it after migrating (scripts/db/prepare.ts), so a
 * server started with another ENCRYPTION_KEY stops at once with a message, instead of answering
 * 500 on every webhook and admin page that needs a secret.
 */
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { decryptSecret, encryptionKeyFingerprint, type Keyring } from "@/lib/security/secrets";
import { walkStoredSecrets } from "@/lib/settings/stored-secrets";

export const ENCRYPTION_KEY_SETTING = "encryption_key";

const storedFingerprint = z.object({ fingerprint: z.string(), recordedAt: z.string() });

export type EncryptionKeyCheck =
  | { status: "recorded" | "matches" }
  /** The secrets are under ENCRYPTION_KEY_PREVIOUS: a rotation waits for secrets:reencrypt. */
  | { status: "previous" }
  | { status: "mismatch"; message: string };

export function configuredKeyring(): Keyring {
  const env = getEnv();
  return { current: env.ENCRYPTION_KEY, previous: env.ENCRYPTION_KEY_PREVIOUS };
}

const ROTATE_HINT =
  "to change keys, set the old one as ENCRYPTION_KEY_PREVIOUS and run `npm run secrets:reencrypt`";

/** Compares the keys with the recorded fingerprint; on a first start, records the current one. */
export async function checkEncryptionKey({
  keys = configuredKeyring(),
}: { keys?: Keyring } = {}): Promise<EncryptionKeyCheck> {
  return db.$transaction(
    async (tx) => {
      let stored = await readFingerprint(tx);
      let status: "recorded" | undefined;
      if (!stored) {
        // A database from before fingerprints may already hold secrets: the key must read them.
        const unreadable: string[] = [];
        await walkStoredSecrets(tx, (value, where) => {
          if (!decrypts(value, keys)) unreadable.push(where);
          return value;
        });
        if (unreadable.length > 0) {
          return {
            status: "mismatch",
            message: `ENCRYPTION_KEY does not decrypt ${unreadable.length} secret(s) stored in this database (${unreadable[0]}): start with the key they were encrypted with; ${ROTATE_HINT}.`,
          };
        }
        // Two servers starting at once: the first to insert wins, and the other compares with it.
        await tx.$executeRaw`
          INSERT INTO "Setting" (key, value, "updatedAt")
          VALUES (${ENCRYPTION_KEY_SETTING}, ${fingerprintValue(keys.current)}::jsonb, now())
          ON CONFLICT (key) DO NOTHING`;
        stored = await readFingerprint(tx);
        status = "recorded";
      }
      if (stored?.fingerprint === encryptionKeyFingerprint(keys.current)) {
        return { status: status ?? "matches" };
      }
      if (keys.previous && stored?.fingerprint === encryptionKeyFingerprint(keys.previous)) {
        return { status: "previous" };
      }
      return {
        status: "mismatch",
        message: `ENCRYPTION_KEY is not the key this database's secrets are encrypted with (its fingerprint differs from the one recorded on ${stored?.recordedAt ?? "first start"}): start with that key; ${ROTATE_HINT}.`,
      };
    },
    { timeout: 120_000 },
  );
}

/** Records `key` as the one the secrets are encrypted with (after a re-encryption). */
export async function recordEncryptionKey(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Setting" (key, value, "updatedAt")
    VALUES (${ENCRYPTION_KEY_SETTING}, ${fingerprintValue(key)}::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`;
}

async function readFingerprint(tx: Tx) {
  const [row] = await tx.$queryRaw<{ value: unknown }[]>`
    SELECT value FROM "Setting" WHERE key = ${ENCRYPTION_KEY_SETTING} FOR UPDATE`;
  const parsed = storedFingerprint.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

function fingerprintValue(key: string): string {
  return JSON.stringify({
    fingerprint: encryptionKeyFingerprint(key),
    recordedAt: new Date().toISOString(),
  });
}

function decrypts(value: string, keys: Keyring): boolean {
  try {
    decryptSecret(value, keys);
    return true;
  } catch {
    return false;
  }
}
