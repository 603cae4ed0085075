import { db } from "@/lib/db";
import { commissionFiltersWhere, createdRange } from "@/lib/commissions/commission-filters-where";
import { earnedBefore, getCommissionRules } from "@/lib/commissions/commission-rules";
import { ledgerStatus } from "@/lib/commissions/ledger-status";
import type { CommissionExportQuery, CommissionFilters } from "@/lib/commissions/schemas";
import { csvLine } from "@/lib/csv";

export type ExportCommissionsCsvOptions = CommissionExportQuery & { now?: Date };

const BATCH = 1000;

export const entryColumns = [
  "entry_id",
  "created_at",
  "status",
  "kind",
  "level",
  "referrer_email",
  "buyer_email",
  "offering",
  "order_id",
  "rate_bps",
  "amount_minor",
  "currency",
  "payout_reference",
  "reversed_at",
];

export const payoutColumns = [
  "payout_id",
  "created_at",
  "reference",
  "admin_email",
  "entries",
  "total_minor",
  "currency",
];

/**
 * The admin's CSV exports, with the admin page's filters. Entries: every matching entry, the
 * status as shown (earned computed at export time). Payouts: those that paid an entry of the
 * matching referrer, dated by the payout (the status filter does not apply: every payout is
 * paid). Amounts are integers in minor units beside their currency; times are ISO 8601 UTC.
 */
export async function exportCommissionsCsv({ type, now, ...filters }: ExportCommissionsCsvOptions) {
  const day = (now ?? new Date()).toISOString().slice(0, 10);
  const body = type === "entries" ? await entriesCsv(filters, now) : await payoutsCsv(filters);
  return { filename: `commission-${type}-${day}.csv`, body };
}

async function entriesCsv(filters: CommissionFilters, now?: Date): Promise<string> {
  const earnedCutoff = earnedBefore(await getCommissionRules(), now);
  const where = commissionFiltersWhere(filters, earnedCutoff);
  const lines = [csvLine(entryColumns)];
  for (let cursor: string | undefined; ;) {
    const rows = await db.commission.findMany({
      where,
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        createdAt: true,
        status: true,
        kind: true,
        level: true,
        orderId: true,
        rateBps: true,
        amount: true,
        currency: true,
        reversedAt: true,
        beneficiary: { select: { email: true } },
        order: {
          select: { user: { select: { email: true } }, offering: { select: { name: true } } },
        },
        payout: { select: { reference: true } },
      },
    });
    for (const row of rows) {
      lines.push(
        csvLine([
          row.id,
          row.createdAt.toISOString(),
          ledgerStatus(row, earnedCutoff),
          row.kind,
          row.level,
          row.beneficiary.email,
          row.order.user.email,
          row.order.offering.name,
          row.orderId,
          row.rateBps,
          row.amount,
          row.currency,
          row.payout?.reference,
          row.reversedAt?.toISOString(),
        ]),
      );
    }
    if (rows.length < BATCH) return lines.join("");
    cursor = rows[rows.length - 1].id;
  }
}

async function payoutsCsv({ referrer, from, to }: CommissionFilters): Promise<string> {
  const created = createdRange({ from, to });
  const payouts = await db.payout.findMany({
    where: {
      ...(created ? { createdAt: created } : {}),
      ...(referrer
        ? {
            commissions: {
              some: { beneficiary: { email: { contains: referrer, mode: "insensitive" } } },
            },
          }
        : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      createdAt: true,
      reference: true,
      adminId: true,
      total: true,
      currency: true,
      _count: { select: { commissions: true } },
    },
  });
  const admins = await db.user.findMany({
    where: { id: { in: [...new Set(payouts.map((payout) => payout.adminId))] } },
    select: { id: true, email: true },
  });
  const emailById = new Map(admins.map((admin) => [admin.id, admin.email]));
  const lines = [csvLine(payoutColumns)];
  for (const payout of payouts) {
    lines.push(
      csvLine([
        payout.id,
        payout.createdAt.toISOString(),
        payout.reference,
        emailById.get(payout.adminId) ?? payout.adminId,
        payout._count.commissions,
        payout.total,
        payout.currency,
      ]),
    );
  }
  return lines.join("");
}
