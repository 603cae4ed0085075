import { db } from "@/lib/db";
import type { PageQuery } from "@/lib/http/paging";

export type ListSubscriptionInvoicesOptions = PageQuery & { userId: string };

/**
 * A user's invoice history: their own orders that pay a Stripe invoice (every paid renewal is
 * one), with the invoice's lines (a plan switch's prorations), newest first, one page at a time.
 */
export async function listSubscriptionInvoices({
  userId,
  page,
  pageSize,
}: ListSubscriptionInvoicesOptions) {
  const where = { userId, providerInvoiceId: { not: null } };
  const [rows, total] = await Promise.all([
    db.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        amount: true,
        currency: true,
        status: true,
        refundedAmount: true,
        paidAt: true,
        createdAt: true,
        providerInvoiceId: true,
        offering: { select: { name: true } },
        lines: {
          orderBy: { position: "asc" },
          select: { description: true, amount: true, proration: true },
        },
      },
    }),
    db.order.count({ where }),
  ]);
  return {
    items: rows.map(({ offering, providerInvoiceId, ...order }) => ({
      ...order,
      invoiceId: providerInvoiceId ?? "",
      date: order.paidAt ?? order.createdAt,
      offeringName: offering.name,
    })),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export type SubscriptionInvoices = Awaited<ReturnType<typeof listSubscriptionInvoices>>;
