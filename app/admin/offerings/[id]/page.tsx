import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  rotateSecretAction,
  sendTestDeliveryAction,
  setOfferingArchivedAction,
  setStripeSigningSecretAction,
  updateOfferingAction,
} from "@/app/admin/offerings/actions";
import { ArchiveOfferingForm } from "@/components/admin/archive-offering-form";
import { DeliveryLog } from "@/components/admin/delivery-log";
import { FlashToast } from "@/components/admin/flash-toast";
import { OfferingForm } from "@/components/admin/offering-form";
import { WebhookDetails } from "@/components/admin/webhook-details";
import { Card, PageTitle } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listCommunityNames } from "@/lib/communities/manage-communities";
import { getOfferingWebhookDetails } from "@/lib/offerings/get-offering-webhook-details";
import { listWebhookDeliveries } from "@/lib/offerings/list-webhook-deliveries";
import { getOfferingForEdit } from "@/lib/offerings/list-offerings";
import { pageId } from "@/lib/http/or-not-found";

export const metadata: Metadata = { title: "Offering" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string | string[] }>;
};

export default async function AdminOfferingPage({ params, searchParams }: Props) {
  const id = pageId((await params).id);
  await requireAdminPage(`/admin/offerings/${id}`);
  const offering = await getOfferingForEdit(id);
  if (!offering) notFound();
  const [webhook, deliveryLog, communities, { created }] = await Promise.all([
    getOfferingWebhookDetails({ offeringId: id }),
    listWebhookDeliveries({ offeringId: id }),
    listCommunityNames(),
    searchParams,
  ]);
  const { communities: granted, archivedAt, ...fields } = offering;

  return (
    <div className="space-y-6">
      <PageTitle description={<StatusBadge status={archivedAt ? "ARCHIVED" : "ACTIVE"} />}>
        {offering.name}
      </PageTitle>
      {created === "1" ? (
        <p role="status" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          Offering created. Copy the webhook URL and secret below into your payment provider.
          <FlashToast message="Offering created." />
        </p>
      ) : null}

      <WebhookDetails
        rotateAction={rotateSecretAction}
        offeringId={offering.id}
        {...webhook}
        setStripeSigningSecretAction={setStripeSigningSecretAction}
      />

      <DeliveryLog
        offeringId={offering.id}
        {...deliveryLog}
        sendTestDeliveryAction={sendTestDeliveryAction}
      />

      <Card>
        <h2 className="mb-4 text-lg font-semibold">Details</h2>
        <OfferingForm
          action={updateOfferingAction}
          communities={communities}
          offering={{ ...fields, communityIds: granted.map((community) => community.id) }}
        />
      </Card>

      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Catalog visibility</h2>
        <p className="text-sm text-slate-600">
          {archivedAt
            ? "This offering is hidden from the catalog. Unarchive it to sell it again."
            : "Archiving hides the offering from the catalog. Existing purchases, access and its webhook keep working."}
        </p>
        <ArchiveOfferingForm
          action={setOfferingArchivedAction}
          offeringId={offering.id}
          archived={archivedAt !== null}
        />
      </Card>
    </div>
  );
}
