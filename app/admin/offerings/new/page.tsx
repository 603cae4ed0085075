import { createOfferingAction } from "@/app/admin/offerings/actions";
import type { Metadata } from "next";
import { OfferingForm } from "@/components/admin/offering-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listCommunityNames } from "@/lib/communities/manage-communities";

export const metadata: Metadata = { title: "New offering" };

export default async function NewOfferingPage() {
  await requireAdminPage("/admin/offerings/new");
  const communities = await listCommunityNames();
  return (
    <>
      <PageTitle description="After creating it you get its webhook URL and secret.">
        New offering
      </PageTitle>
      <Card>
        <OfferingForm action={createOfferingAction} communities={communities} />
      </Card>
    </>
  );
}
