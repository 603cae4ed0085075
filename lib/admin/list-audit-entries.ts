import { db } from "@/lib/db";
import { describeAuditEntry } from "@/lib/admin/describe-audit-entry";

export type ListAuditEntriesOptions = { page: number; pageSize: number; action?: string };

/**
 * One page of the audit log, newest first, optionally one action only: who (the admin's
 * email), what, on which subject, with a line a person can read, and when. Also the actions
 * the log holds, for the filter.
 */
export async function listAuditEntries({ page, pageSize, action }: ListAuditEntriesOptions) {
  const where = action ? { action } : {};
  const [entries, total, actions] = await Promise.all([
    db.auditEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        actorId: true,
        action: true,
        subject: true,
        details: true,
        createdAt: true,
      },
    }),
    db.auditEntry.count({ where }),
    db.auditEntry.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  const actors = await db.user.findMany({
    where: { id: { in: [...new Set(entries.map((entry) => entry.actorId))] } },
    select: { id: true, email: true },
  });
  const emailById = new Map(actors.map((actor) => [actor.id, actor.email]));
  const items = entries.map((entry) => ({
    id: entry.id,
    actorId: entry.actorId,
    actorEmail: emailById.get(entry.actorId) ?? null,
    action: entry.action,
    subject: entry.subject,
    description: describeAuditEntry(entry.action, entry.details),
    createdAt: entry.createdAt,
  }));
  return { items, total, page, pageSize, actions: actions.map((row) => row.action) };
}

export type AuditEntryRow = Awaited<ReturnType<typeof listAuditEntries>>["items"][number];
