/**
 * The audit log of admin actions: who did what to which subject, and when. Written inside the
 * transaction of the change it records, so the log and the change are both there or neither.
 */
import type { db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The actions on the log; `details` holds what a reader needs (never a secret). */
export const auditActions = [
  "purchase.refund",
  "invoice.refund",
  "offering.archive",
  "offering.restore",
  "offering.rotate_secret",
  "access.grant",
  "access.revoke",
  "commission_rules.update",
  "commissions.mark_paid",
  "commission.approve",
  "settings.stripe.update",
  "event.replay",
  "stripe.reconcile",
  "webhook_endpoint.create",
  "webhook_endpoint.update",
  "webhook_endpoint.enable",
  "webhook_endpoint.disable",
  "webhook_endpoint.delete",
  "webhook_endpoint.rotate_secret",
  "webhook_endpoint.send_test",
  "outbox.replay",
  "discount.create",
  "discount.activate",
  "discount.deactivate",
] as const;

export type AuditAction = (typeof auditActions)[number];

export type RecordAuditOptions = {
  actorId: string;
  action: AuditAction;
  subject?: string | null;
  details?: Prisma.InputJsonObject;
};

export async function recordAudit(
  client: Tx | typeof db,
  { actorId, action, subject = null, details }: RecordAuditOptions,
): Promise<void> {
  await client.auditEntry.create({ data: { actorId, action, subject, details } });
}
