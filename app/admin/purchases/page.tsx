import { refundPurchaseAction } from "@/app/admin/purchases/actions";
import type { Metadata } from "next";
import { ExportLinks } from "@/components/admin/export-links";
import { KeysetPagination } from "@/components/admin/keyset-pagination";
import { PurchaseFilters } from "@/components/admin/purchase-filters";
import { PurchasesTable } from "@/components/admin/purchases-table";
import { PageTitle } from "@/components/ui/card";
import { adminPurchaseQuery, purchaseStatuses } from "@/lib/admin/schemas";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listOfferingNames } from "@/lib/offerings/list-offerings";
import { listPurchasesForAdmin } from "@/lib/purchases/list-purchases-for-admin";

export const metadata: Metadata = { title: "Purchases" };

const PAGE_SIZE = 25;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPurchasesPage({ searchParams }: Props) {
  await requireAdminPage("/admin/purchases");
  const query = adminPurchaseQuery.parse(await searchParams);
  const [result, offerings] = await Promise.all([
    listPurchasesForAdmin({ ...query, pageSize: PAGE_SIZE }),
    listOfferingNames(),
  ]);
  const filters = new URLSearchParams();
  for (const key of ["status", "email", "offeringId"] as const) {
    const value = query[key];
    if (value) filters.set(key, value);
  }
  return (
    <>
      <PageTitle description="Every user's purchases, newest first.">Purchases</PageTitle>
      <div className="mb-4">
        <ExportLinks
          links={[
            { href: "/api/admin/exports/purchases", label: "Export purchases (CSV)" },
            { href: "/api/admin/exports/orders", label: "Export orders (CSV)" },
          ]}
        />
      </div>
      <PurchaseFilters statuses={purchaseStatuses} offerings={offerings} current={query} />
      <PurchasesTable purchases={result.items} refundAction={refundPurchaseAction} />
      <KeysetPagination
        basePath={`/admin/purchases?${filters.size > 0 ? `${filters}&` : ""}`}
        next={result.next}
        previous={result.previous}
        total={result.total}
      />
    </>
  );
}
