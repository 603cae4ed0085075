import type { Metadata } from "next";
import { SearchResults } from "@/components/admin/search-results";
import { PageTitle } from "@/components/ui/card";
import { searchQuery } from "@/lib/admin/schemas";
import { searchAdmin } from "@/lib/admin/search";
import { requireAdminPage } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminSearchPage({ searchParams }: Props) {
  const { q } = searchQuery.parse(await searchParams);
  await requireAdminPage(`/admin/search?q=${encodeURIComponent(q)}`);
  const hits = await searchAdmin({ query: q });
  return (
    <>
      <PageTitle description="Users by email or id; purchases, orders, subscriptions and events by our ids or the provider's (cs_, pi_, in_, sub_, cus_, evt_, PayPal ids).">
        {q ? `Results for “${q}”` : "Search"}
      </PageTitle>
      {!q ? (
        <p className="text-sm text-slate-600">Type an email or an id in the search box above.</p>
      ) : hits.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing matches “{q}”.</p>
      ) : (
        <SearchResults hits={hits} />
      )}
    </>
  );
}
