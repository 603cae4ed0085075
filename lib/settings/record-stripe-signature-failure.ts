/**
 * Refused Stripe deliveries leave no event row, so the settings page could not say "the last
 * delivery did not verify". This keeps the time of the last refusal in the
 * `stripe_webhook_status` setting, written at most once per WRITE_INTERVAL_MS per instance so a
 * flood of forged requests cannot turn into a flood of writes.
 */
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { STRIPE_WEBHOOK_STATUS_KEY } from "@/lib/settings/schemas";

export const WRITE_INTERVAL_MS = 10_000;

let lastWrittenAt = 0;

export async function recordStripeSignatureFailure(now = new Date()): Promise<void> {
  if (now.getTime() - lastWrittenAt < WRITE_INTERVAL_MS) return;
  lastWrittenAt = now.getTime();
  const value = { lastSignatureFailureAt: now.toISOString() };
  try {
    await db.setting.upsert({
      where: { key: STRIPE_WEBHOOK_STATUS_KEY },
      create: { key: STRIPE_WEBHOOK_STATUS_KEY, value },
      update: { value },
    });
  } catch (error) {
    // The refusal stands whatever happens here; the status is only a hint for the admin.
    logger.warn({ err: error }, "could not record a Stripe signature failure");
  }
}
