import { db, type Tx } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/security/secrets";
import { invalidateStripeSettings } from "@/lib/stripe/settings";
import {
  stripeSettingFields,
  stripeSettingsInput,
  type StripeSettingField,
  type StripeSettingsInput,
} from "@/lib/settings/schemas";
import {
  STRIPE_SETTINGS_KEY,
  storedStripeSettings,
  type StoredStripeSettings,
} from "@/lib/stripe/stored-settings";
import { recordAudit } from "@/lib/audit/record-audit";

export type SaveStripeSettingsOptions = {
  input: StripeSettingsInput;
  /** The admin saving; recorded on the row and on the audit trail. */
  actorId: string;
  now?: Date;
};

export type ChangedStripeSetting = StripeSettingField | "previousWebhookSecret";

export type SaveStripeSettingsResult = { changed: ChangedStripeSetting[] };

/**
 * Settings → Integrations → Stripe. An empty field keeps the stored value; `remove` drops it
 * (the environment's value applies again). When the webhook secret in effect changes, the one it
 * replaces stays accepted for `overlapHours`, like Stripe's "roll secret", so no delivery signed
 * just before the switch is refused. The audit trail names the fields that changed, never a value.
 */
export async function saveStripeSettings({
  input,
  actorId,
  now = new Date(),
}: SaveStripeSettingsOptions): Promise<SaveStripeSettingsResult> {
  const parsed = stripeSettingsInput.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".")] ??= issue.message;
    const names = Object.keys(fields).join(", ");
    throw new AppError("validation_failed", `Malformed value for ${names}.`, { fields });
  }
  const { remove, overlapHours, ...given } = parsed.data;

  const changed = await db.$transaction(async (tx) => {
    const stored = await lockStoredSettings(tx);
    const next: StoredStripeSettings = { ...stored };
    const changed: ChangedStripeSetting[] = [];
    for (const field of stripeSettingFields) {
      const value = given[field];
      const current = stored[field] === null ? null : decryptSecret(stored[field]);
      if (value !== undefined && value !== current) next[field] = encryptSecret(value);
      else if (remove.includes(field) && current !== null) next[field] = null;
      else continue;
      changed.push(field);
    }
    if (changed.includes("webhookSecret")) {
      rollWebhookSecret(stored, next, overlapHours, now);
      if (next.previousWebhookSecret !== stored.previousWebhookSecret) {
        changed.push("previousWebhookSecret");
      }
    }
    if (changed.length === 0) return changed;

    await tx.setting.update({
      where: { key: STRIPE_SETTINGS_KEY },
      data: { value: next, updatedBy: actorId },
    });
    await recordAudit(tx, {
      actorId,
      action: "settings.stripe.update",
      subject: STRIPE_SETTINGS_KEY,
      details: {
        changed,
        removed: remove.filter((field) => changed.includes(field)),
        overlapHours,
      },
    });
    return changed;
  });

  invalidateStripeSettings();
  return { changed };
}

/** The stored row, created empty if missing, locked so two saves cannot both roll the secret. */
async function lockStoredSettings(tx: Tx): Promise<StoredStripeSettings> {
  await tx.$executeRaw`
    INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${STRIPE_SETTINGS_KEY}, '{}'::jsonb, now())
    ON CONFLICT (key) DO NOTHING`;
  const [row] = await tx.$queryRaw<{ value: unknown }[]>`
    SELECT value FROM "Setting" WHERE key = ${STRIPE_SETTINGS_KEY} FOR UPDATE`;
  return storedStripeSettings.parse(row?.value ?? {});
}

/**
 * The secret in effect until now (the saved one, else STRIPE_WEBHOOK_SECRET) becomes the previous
 * secret until now + overlap; with no overlap, or nothing to keep, there is no previous secret.
 */
function rollWebhookSecret(
  stored: StoredStripeSettings,
  next: StoredStripeSettings,
  overlapHours: number,
  now: Date,
): void {
  const plain = (value: string | null) => (value === null ? null : decryptSecret(value));
  const before = plain(stored.webhookSecret) ?? getEnv().STRIPE_WEBHOOK_SECRET ?? null;
  const after = plain(next.webhookSecret) ?? getEnv().STRIPE_WEBHOOK_SECRET ?? null;
  const keep = overlapHours > 0 && before !== null && before !== after;
  next.previousWebhookSecret = keep ? encryptSecret(before) : null;
  next.previousSecretExpiresAt = keep
    ? new Date(now.getTime() + overlapHours * 3_600_000).toISOString()
    : null;
}
