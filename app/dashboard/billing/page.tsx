import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { InvoicesTable } from "@/components/billing/invoices-table";
import { PurchasesTable } from "@/components/billing/purchases-table";
import { SubscriptionsOverview } from "@/components/billing/subscriptions-overview";
import { PaymentStatus } from "@/components/checkout/payment-status";
import { listUserCommunities } from "@/lib/access/active-access";
import { getAccessOverview } from "@/lib/access/get-access-overview";
import { requireUserPage } from "@/lib/auth/page-guards";
import { formatDate } from "@/lib/format";
import { listUserPurchases } from "@/lib/purchases/list-user-purchases";
import { pageQuery } from "@/lib/http/paging";
import { listSubscriptionInvoices } from "@/lib/subscriptions/list-subscription-invoices";
import { listUserSubscriptions } from "@/lib/subscriptions/list-user-subscriptions";
import { invoicePageQuery } from "@/lib/subscriptions/schemas";
import { formatDay } from "@/components/billing/subscription-text";
import { keepPlanAction } from "./switch/actions";

export const metadata = { title: "Billing" };

const INVOICES_PER_PAGE = 10;

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function BillingPage({ searchParams }: Props) {
  const user = await requireUserPage("/dashboard/billing");
  const params = await searchParams;
  const query = pageQuery.parse(params);
  const { invoicePage } = invoicePageQuery.parse(params);
  // Stripe Payment Links return buyers here with ?provider=stripe&session_id={CHECKOUT_SESSION_ID}.
  const returningSession =
    params.provider === "stripe" && params.session_id ? params.session_id : null;
  const [purchases, communities, subscriptions, invoices, access] = await Promise.all([
    listUserPurchases({ userId: user.id, ...query }),
    listUserCommunities(user.id),
    listUserSubscriptions({ userId: user.id }),
    listSubscriptionInvoices({ userId: user.id, page: invoicePage, pageSize: INVOICES_PER_PAGE }),
    getAccessOverview({ userId: user.id }),
  ]);
  const switchedTo = params.switched
    ? subscriptions.items.find((item) => item.offeringId === params.switched)
    : undefined;
  const scheduledTo = params.scheduled
    ? subscriptions.items.find((item) => item.pendingOfferingId === params.scheduled)
    : undefined;
  const invoicePageHref = (page: number) =>
    `?invoicePage=${page}${query.page > 1 ? `&page=${query.page}` : ""}`;

  return (
    <div className="space-y-8">
      <PageTitle description="Your purchases and the communities they open.">Billing</PageTitle>
      {switchedTo ? (
        <p
          role="status"
          data-testid="plan-switched"
          className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
        >
          You are now on {switchedTo.offeringName}.
        </p>
      ) : null}
      {scheduledTo?.pendingSwitchAt ? (
        <p
          role="status"
          data-testid="plan-scheduled"
          className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
        >
          {scheduledTo.pendingOffering?.name} starts on {formatDay(scheduledTo.pendingSwitchAt)}.
        </p>
      ) : null}
      <SubscriptionsOverview
        subscriptions={subscriptions}
        access={access}
        keepPlanAction={keepPlanAction}
      />
      {returningSession ? <PaymentStatus sessionId={returningSession} /> : null}
      <section aria-labelledby="access-heading" className="space-y-3">
        <h2 id="access-heading" className="text-lg font-semibold">
          Your access
        </h2>
        {communities.length === 0 ? (
          <Card>
            <p className="text-sm text-slate-600" data-testid="no-access">
              {access.accessEndedAt
                ? `Your access ended on ${formatDate(access.accessEndedAt)}.`
                : "No access yet."}{" "}
              <Link className="font-semibold text-indigo-700" href="/offerings">
                Browse the catalog
              </Link>
              .
            </p>
          </Card>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {communities.map((community) => (
              <li key={community.id} data-testid="community-access">
                <Card className="space-y-1">
                  <Link
                    className="font-semibold text-indigo-700"
                    href={`/communities/${community.id}`}
                  >
                    {community.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {community.accessUntil
                      ? `Access until ${formatDate(community.accessUntil)}`
                      : "Lifetime access"}
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="purchases-heading" className="space-y-3">
        <h2 id="purchases-heading" className="text-lg font-semibold">
          Purchases
        </h2>
        {purchases.total === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">You have not bought anything yet.</p>
          </Card>
        ) : (
          <PurchasesTable purchases={purchases} />
        )}
      </section>
      <section aria-labelledby="invoices-heading" className="space-y-3">
        <h2 id="invoices-heading" className="text-lg font-semibold">
          Invoices
        </h2>
        {invoices.total === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">
              No invoices yet. Each subscription payment appears here.
            </p>
          </Card>
        ) : (
          <InvoicesTable invoices={invoices} pageHref={invoicePageHref} />
        )}
      </section>
    </div>
  );
}
