/**
 * Takes due deliveries for this worker: PENDING, due, and held by nobody (no lease, or one that
 * ran out because its worker died mid-send). Each is leased until `now + leaseSeconds` and its
 * attempt counted, in one statement, FOR UPDATE SKIP LOCKED: several workers never take the
 * same delivery at once. The message comes with it, its payload frozen at dispatch, and a webhook
 * delivery's endpoint (its URL, secrets and whether it is on), so sending needs no other read.
 */
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type {
  ClaimedDelivery,
  ClaimedEndpoint,
  OutboxChannelName,
} from "@/lib/notifications/channel";

export type ClaimDeliveriesOptions = {
  /** Only deliveries of these channels (the ones this worker can send). */
  channels: readonly OutboxChannelName[];
  limit: number;
  leaseSeconds?: number;
  now?: Date;
};

type Row = {
  id: string;
  channel: OutboxChannelName;
  endpointId: string | null;
  recipient: string | null;
  template: string | null;
  attempts: number;
  messageId: string;
  type: string;
  version: number;
  createdAt: Date;
  data: Record<string, unknown>;
  endpoint:
    | (Omit<ClaimedEndpoint, "previousSecretExpiresAt" | "failingSince"> & {
        previousSecretExpiresAt: string | null;
        failingSince: string | null;
      })
    | null;
};

/** json_build_object gives timestamps as text without a zone: they are UTC. */
const utc = (text: string | null) => (text === null ? null : new Date(`${text}Z`));

export async function claimDueDeliveries(
  options: ClaimDeliveriesOptions,
): Promise<ClaimedDelivery[]> {
  const { channels, limit, now = new Date() } = options;
  if (channels.length === 0 || limit <= 0) return [];
  const leaseSeconds = options.leaseSeconds ?? getEnv().OUTBOX_LEASE_SECONDS;
  const lockedUntil = new Date(now.getTime() + leaseSeconds * 1000);
  const rows = await db.$queryRaw<Row[]>`
    WITH due AS (
      SELECT id FROM "OutboxDelivery"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
        AND channel::text = ANY(${[...channels]}::text[])
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "OutboxDelivery" d
      SET "lockedUntil" = ${lockedUntil}, attempts = d.attempts + 1, "updatedAt" = ${now}
      FROM due WHERE d.id = due.id
      RETURNING d.id, d.channel, d."endpointId", d.recipient, d.template, d.attempts, d."messageId"
    )
    SELECT c.id, c.channel::text AS channel, c."endpointId", c.recipient, c.template, c.attempts,
           c."messageId", m.type, m.version, m."createdAt", m.data,
           CASE WHEN e.id IS NULL THEN NULL ELSE json_build_object(
             'id', e.id, 'url', e.url, 'enabled', e.enabled, 'secret', e.secret,
             'previousSecret', e."previousSecret",
             'previousSecretExpiresAt', e."previousSecretExpiresAt",
             'failingSince', e."failingSince") END AS endpoint
    FROM claimed c JOIN "OutboxMessage" m ON m.id = c."messageId"
    LEFT JOIN "WebhookEndpoint" e ON e.id = c."endpointId"`;
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    endpointId: row.endpointId,
    recipient: row.recipient,
    template: row.template,
    attempt: row.attempts,
    message: {
      id: row.messageId,
      type: row.type,
      version: row.version,
      createdAt: row.createdAt,
      data: row.data,
    },
    endpoint: row.endpoint && {
      ...row.endpoint,
      previousSecretExpiresAt: utc(row.endpoint.previousSecretExpiresAt),
      failingSince: utc(row.endpoint.failingSince),
    },
  }));
}
