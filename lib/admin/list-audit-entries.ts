import { db } from "@/lib/db";
import { describeAuditEntry } from "@/lib/admin/describe-audit-entry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cappedCount, keysetPage, type KeysetQuery } from "@/lib/http/keyset-paging";

export type ListAuditEntriesOptions = Pick<KeysetQuery, "after" | "before" | "pageSize"> & {
  action?: string;
};

/**
 * One page of the audit log, newest first, optionally one action only: who (the admin's
 * email), what, on which subject, with a line a person can read, and when. Also the actions
 * the log holds, for the filter. Paged by (createdAt, id) cursor; counted up to COUNT_CAP.
 */
export async function listAuditEntries({
  after,
  before,
  pageSize,
  action,
}: ListAuditEntriesOptions) {
  const where = action ? { action } : {};
  const read = (
    window: Prisma.AuditEntryWhereInput,
    orderBy: Prisma.AuditEntryOrderByWithRelationInput[],
    take: number,
  ) =>
    db.auditEntry.findMany({
      where: { AND: [where, window] },
      orderBy,
      take,
      select: {
        id: true,
        actorId: true,
        action: true,
        subject: true,
        details: true,
        createdAt: true,
      },
    });
  const [page, total, actions] = await Promise.all([
    keysetPage({
      field: "createdAt",
      position: { after, before },
      pageSize,
      read,
      cursorOf: (row) => ({ at: row.createdAt, id: row.id }),
    }),
    cappedCount((take) => db.auditEntry.count({ where, take })),
    db.auditEntry.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  const entries = page.items;
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
  return {
    items,
    total,
    next: page.next,
    previous: page.previous,
    pageSize,
    actions: actions.map((row) => row.action),
  };
}

export type AuditEntryRow = Awaited<ReturnType<typeof listAuditEntries>>["items"][number];
