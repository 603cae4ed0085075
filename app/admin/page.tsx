import type { Metadata } from "next";
import { OfferingForm } from "@/components/admin/offering-form";
import { OfferingsTable } from "@/components/admin/offerings-table";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listCommunities } from "@/lib/communities/manage-communities";
import { listAllOfferings } from "@/lib/offerings/list-offerings";

export const metadata: Metadata = { title: "Offerings" };

export default async function AdminOfferingsPage() {
  await requireAdminPage("/admin");
  const [offerings, communities] = await Promise.all([listAllOfferings(), listCommunities()]);
  return (
    <div className="space-y-10">
      <section>
        <PageTitle description="What the catalog sells. Open an offering to edit it, archive it or see its webhook.">
          Offerings
        </PageTitle>
        <OfferingsTable offerings={offerings} />
      </section>
      <Card id="new-offering">
        <h2 className="mb-4 text-lg font-semibold">New offering</h2>
        <OfferingForm communities={communities} />
      </Card>
    </div>
  );
}
