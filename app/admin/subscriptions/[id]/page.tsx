import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cancelSubscriptionAction, refundInvoiceAction } from "@/app/admin/subscriptions/actions";
import { CancelSubscriptionForm } from "@/components/admin/cancel-subscription-form";
import {
  AccessTrailTable,
  SubscriptionFacts,
  SubscriptionOrdersTable,
} from "@/components/admin/subscription-details";
import { SubscriptionStatusBadge } from "@/components/billing/subscription-status-badge";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { getSubscriptionForAdmin } from "@/lib/subscriptions/get-subscription-for-admin";
import { pageId } from "@/lib/http/or-not-found";

export const metadata: Metadata = { title: "Subscription" };

type Props = { params: Promise<{ id: string }> };

const ENDED = new Set(["canceled", "incomplete_expired"]);

export default async function AdminSubscriptionPage({ params }: Props) {
  const id = pageId((await params).id);
  await requireAdminPage(`/admin/subscriptions/${id}`);
  const subscription = await getSubscriptionForAdmin({ subscriptionId: id });
  if (!subscription) notFound();
  const ended = subscription.endedAt !== null || ENDED.has(subscription.status);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/subscriptions" className="text-indigo-700 hover:underline">
          ← All subscriptions
        </Link>
      </p>
      <PageTitle description={<SubscriptionStatusBadge status={subscription.status} />}>
        {subscription.offering.name} · {subscription.user.email}
      </PageTitle>
      <SubscriptionFacts subscription={subscription} />
      <section aria-labelledby="orders-heading" className="space-y-3">
        <h2 id="orders-heading" className="text-lg font-semibold">
          Invoices
        </h2>
        <SubscriptionOrdersTable subscription={subscription} refundAction={refundInvoiceAction} />
      </section>
      <section aria-labelledby="trail-heading" className="space-y-3">
        <h2 id="trail-heading" className="text-lg font-semibold">
          Access trail
        </h2>
        <AccessTrailTable subscription={subscription} />
      </section>
      {ended ? null : (
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">Cancel</h2>
          <CancelSubscriptionForm
            action={cancelSubscriptionAction}
            subscriptionId={subscription.id}
            canCancelAtPeriodEnd={!subscription.cancelAtPeriodEnd}
          />
        </Card>
      )}
    </div>
  );
}
