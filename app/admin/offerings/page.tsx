import { createOfferingAction } from "@/app/admin/offerings/actions";
import type { Metadata } from "next";
import { OfferingForm } from "@/components/admin/offering-form";
import { OfferingsTable } from "@/components/admin/offerings-table";
import { Pagination } from "@/components/admin/pagination";
import { Card, PageTitle } from "@/components/ui/card";
import { adminPageQuery } from "@/lib/http/paging";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listCommunityNames } from "@/lib/communities/manage-communities";
import { listOfferingsForAdmin } from "@/lib/offerings/list-offerings";

export const metadata: Metadata = { title: "Offerings" };

const PAGE_SIZE = 25;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminOfferingsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/offerings");
  const { page } = adminPageQuery.parse(await searchParams);
  const [offerings, communities] = await Promise.all([
    listOfferingsForAdmin({ page, pageSize: PAGE_SIZE }),
    listCommunityNames(),
  ]);
  return (
    <div className="space-y-10">
      <section>
        <PageTitle description="What the catalog sells. Open an offering to edit it, archive it or see its webhook.">
          Offerings
        </PageTitle>
        <OfferingsTable offerings={offerings.items} />
        <Pagination
          basePath="/admin/offerings"
          page={offerings.page}
          pageSize={offerings.pageSize}
          total={offerings.total}
        />
      </section>
      <Card id="new-offering">
        <h2 className="mb-4 text-lg font-semibold">New offering</h2>
        <OfferingForm action={createOfferingAction} communities={communities} />
      </Card>
    </div>
  );
}
