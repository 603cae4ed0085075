import type { Metadata } from "next";
import { Pagination } from "@/components/admin/pagination";
import { PurchasesTable } from "@/components/admin/purchases-table";
import { PageTitle } from "@/components/ui/card";
import { pageQuery } from "@/lib/admin/schemas";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listPurchasesForAdmin } from "@/lib/purchases/list-purchases-for-admin";

export const metadata: Metadata = { title: "Purchases" };

const PAGE_SIZE = 25;

type Props = { searchParams: Promise<{ page?: string | string[] }> };

export default async function AdminPurchasesPage({ searchParams }: Props) {
  await requireAdminPage("/admin/purchases");
  const { page: requested } = await searchParams;
  const { page } = pageQuery.parse({ page: Array.isArray(requested) ? requested[0] : requested });
  const result = await listPurchasesForAdmin({ page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageTitle description="Every user's purchases, newest first.">Purchases</PageTitle>
      <PurchasesTable purchases={result.items} />
      <Pagination basePath="/admin/purchases" page={result.page} pageSize={result.pageSize} total={result.total} />
    </>
  );
}
