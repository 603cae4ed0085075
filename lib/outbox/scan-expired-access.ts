/**
 * Access that ends by time changes no row, so no trigger reports it: this scan, run every minute
 * (lib/notifications/outbox-jobs.ts), writes access.expired once per membership end. It looks at
 * the memberships whose end passed since the last scan (a watermark in "Setting", locked for
 * the scan, so concurrent scans take turns and none looks at a window twice); the dedupe key
 * `access.expired:<membership>:<end>` makes a repeat harmless, and a membership whose end moves
 * and passes again reports its new end. A revoked membership was reported as revoked.
 */
import { db } from "@/lib/db";
import { emitMessages } from "@/lib/outbox/emit-message";

const WATERMARK_KEY = "outbox_expiry_scan";
/** A first scan (or one after a long stop) looks back this far, no further. */
const FIRST_LOOKBACK_MS = 24 * 3_600_000;

export type ScanExpiredAccessOptions = { now?: Date };

export async function scanExpiredAccess({ now = new Date() }: ScanExpiredAccessOptions = {}) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${WATERMARK_KEY}, '{}'::jsonb, ${now})
      ON CONFLICT (key) DO NOTHING`;
    const [watermark] = await tx.$queryRaw<{ through: string | null }[]>`
      SELECT value->>'through' AS through FROM "Setting" WHERE key = ${WATERMARK_KEY} FOR UPDATE`;
    const floor = new Date(now.getTime() - FIRST_LOOKBACK_MS);
    const last = watermark?.through ? new Date(watermark.through) : floor;
    const since = last > floor ? last : floor;
    if (since >= now) return { emitted: 0, expired: 0, since, through: since };

    const expired = await tx.membership.findMany({
      where: { expiresAt: { gt: since, lte: now }, revokedAt: null },
      select: { id: true, userId: true, communityId: true, purchaseId: true, expiresAt: true },
    });
    const ids = await emitMessages(
      tx,
      expired.map((membership) => {
        const endedAt = (membership.expiresAt ?? now).toISOString();
        return {
          type: "access.expired" as const,
          dedupeKey: `access.expired:${membership.id}:${endedAt}`,
          subject: {
            membershipId: membership.id,
            userId: membership.userId,
            communityId: membership.communityId,
            purchaseId: membership.purchaseId,
            // Access no purchase gave was granted by hand.
            manual: membership.purchaseId === null,
            accessEndedAt: endedAt,
          },
        };
      }),
    );
    await tx.setting.update({
      where: { key: WATERMARK_KEY },
      data: { value: { through: now.toISOString() } },
    });
    const emitted = ids.filter((id) => id !== null).length;
    return { emitted, expired: expired.length, since, through: now };
  });
}
