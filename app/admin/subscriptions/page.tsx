import type { Metadata } from "next";
import { KeysetPagination } from "@/components/admin/keyset-pagination";
import { SubscriptionFilters } from "@/components/admin/subscription-filters";
import { SubscriptionsTable } from "@/components/admin/subscriptions-table";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { formatMoney } from "@/lib/format";
import { listSubscriptionsForAdmin } from "@/lib/subscriptions/list-subscriptions-for-admin";
import { adminSubscriptionQuery, subscriptionStatuses } from "@/lib/subscriptions/schemas";

export const metadata: Metadata = { title: "Subscriptions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminSubscriptionsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/subscriptions");
  const query = adminSubscriptionQuery.parse(await searchParams);
  const result = await listSubscriptionsForAdmin(query);
  const filters = new URLSearchParams();
  for (const key of ["status", "email", "offeringId"] as const) {
    const value = query[key];
    if (value) filters.set(key, value);
  }
  const mrr =
    result.mrr.length > 0
      ? result.mrr.map(({ amount, currency }) => formatMoney(amount, currency)).join(" + ")
      : formatMoney(0, "usd");
  return (
    <>
      <PageTitle description="Every user's Stripe subscriptions, newest first.">
        Subscriptions
      </PageTitle>
      <Card className="mb-6 space-y-1">
        <p className="text-sm font-medium text-slate-500">Monthly recurring revenue</p>
        <p className="text-2xl font-bold tracking-tight" data-testid="mrr">
          {mrr}
        </p>
        <p className="text-xs text-slate-500">
          Active, trialing and past-due subscriptions; yearly prices count as one twelfth a month.
        </p>
      </Card>
      <SubscriptionFilters
        statuses={subscriptionStatuses}
        offerings={result.offerings}
        current={query}
      />
      <SubscriptionsTable subscriptions={result.items} />
      <KeysetPagination
        basePath={`/admin/subscriptions?${filters.size > 0 ? `${filters}&` : ""}`}
        next={result.next}
        previous={result.previous}
        total={result.total}
      />
    </>
  );
}
