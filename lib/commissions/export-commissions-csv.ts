import { afterKeyset, keysetCsvStream, keysetOrder, type Keyset } from "@/lib/keyset-csv-stream";
import { db } from "@/lib/db";
import { commissionFiltersWhere, createdRange } from "@/lib/commissions/commission-filters-where";
import { earnedBefore, getCommissionRules } from "@/lib/commissions/commission-rules";
import { ledgerStatus } from "@/lib/commissions/ledger-status";
import type { CommissionExportQuery, CommissionFilters } from "@/lib/commissions/schemas";

export type ExportCommissionsCsvOptions = CommissionExportQuery & {
  now?: Date;
  batchSize?: number;
};

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
 * The admin's CSV exports, with the admin page's filters, streamed a page at a time. Entries:
 * every matching entry, the status as shown (earned computed at export time). Payouts: those
 * that paid an entry of the matching referrer, dated by the payout (the status filter does not
 * apply: every payout is paid). Amounts are integers in minor units beside their currency;
 * times are ISO 8601 UTC.
 */
export async function exportCommissionsCsv({
  type,
  now,
  batchSize,
  ...filters
}: ExportCommissionsCsvOptions) {
  const day = (now ?? new Date()).toISOString().slice(0, 10);
  const stream =
    type === "entries" ? await entriesCsv(filters, batchSize, now) : payoutsCsv(filters, batchSize);
  return { filename: `commission-${type}-${day}.csv`, stream };
}

async function entriesCsv(filters: CommissionFilters, batchSize?: number, now?: Date) {
  const earnedCutoff = earnedBefore(await getCommissionRules(), now);
  const where = commissionFiltersWhere(filters, earnedCutoff);
  const readPage = (after: Keyset | undefined, take: number) =>
    db.commission.findMany({
      where: { AND: [where, afterKeyset(after)] },
      orderBy: keysetOrder,
      take,
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
        reviewFlags: true,
        approvedAt: true,
        beneficiary: { select: { email: true } },
        order: {
          select: { user: { select: { email: true } }, offering: { select: { name: true } } },
        },
        payout: { select: { reference: true } },
      },
    });
  return keysetCsvStream({
    header: entryColumns,
    batchSize,
    readPage,
    toRecords: (rows) =>
      rows.map((row) => [
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
  });
}

function payoutsCsv({ referrer, from, to }: CommissionFilters, batchSize?: number) {
  const created = createdRange({ from, to });
  const where = {
    ...(created ? { createdAt: created } : {}),
    ...(referrer
      ? {
          commissions: {
            some: { beneficiary: { email: { contains: referrer, mode: "insensitive" as const } } },
          },
        }
      : {}),
  };
  const readPage = (after: Keyset | undefined, take: number) =>
    db.payout.findMany({
      where: { AND: [where, afterKeyset(after)] },
      orderBy: keysetOrder,
      take,
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
  return keysetCsvStream({
    header: payoutColumns,
    batchSize,
    readPage,
    toRecords: async (payouts) => {
      const admins = await db.user.findMany({
        where: { id: { in: [...new Set(payouts.map((payout) => payout.adminId))] } },
        select: { id: true, email: true },
      });
      const emailById = new Map(admins.map((admin) => [admin.id, admin.email]));
      return payouts.map((payout) => [
        payout.id,
        payout.createdAt.toISOString(),
        payout.reference,
        emailById.get(payout.adminId) ?? payout.adminId,
        payout._count.commissions,
        payout.total,
        payout.currency,
      ]);
    },
  });
}
