import type { Metadata } from "next";
import {
  ProblemEventsCard,
  ReconcileCard,
  SubscriptionsCard,
} from "@/components/admin/dashboard-cards";
import { DashboardRangeForm } from "@/components/admin/dashboard-range-form";
import { ExportLinks } from "@/components/admin/export-links";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { RevenueTotals } from "@/components/admin/revenue-totals";
import { PageTitle } from "@/components/ui/card";
import { toDay } from "@/lib/admin/calendar-day";
import { countProblemEvents } from "@/lib/admin/dashboard/count-problem-events";
import { revenueByDay } from "@/lib/admin/dashboard/revenue-by-day";
import { dashboardRange } from "@/lib/admin/dashboard/schemas";
import { summarizeSubscriptions } from "@/lib/admin/dashboard/summarize-subscriptions";
import { requireAdminPage } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminDashboardPage({ searchParams }: Props) {
  await requireAdminPage("/admin");
  const now = new Date();
  const range = dashboardRange(await searchParams, now);
  const [revenue, subscriptions, events] = await Promise.all([
    revenueByDay(range),
    summarizeSubscriptions(),
    countProblemEvents(range),
  ]);
  const days = `from=${range.from}&to=${range.to}`;

  return (
    <div className="space-y-8">
      <PageTitle description="Days are UTC. Amounts are summed per currency, never added across currencies.">
        Dashboard
      </PageTitle>
      <DashboardRangeForm range={range} today={toDay(now)} />
      <section aria-labelledby="revenue-heading" className="space-y-4">
        <h2 id="revenue-heading" className="text-lg font-semibold">
          Revenue from <span className="whitespace-nowrap">{range.from}</span> to{" "}
          <span className="whitespace-nowrap">{range.to}</span>
        </h2>
        <RevenueTotals revenue={revenue} />
        <RevenueChart revenue={revenue} />
        <ExportLinks
          links={[
            { href: `/api/admin/exports/orders?${days}`, label: "Export orders (CSV)" },
            { href: `/api/admin/exports/purchases?${days}`, label: "Export purchases (CSV)" },
          ]}
        />
      </section>
      <div className="grid gap-4 md:grid-cols-3">
        <SubscriptionsCard {...subscriptions} />
        <ProblemEventsCard {...events} />
        <ReconcileCard />
      </div>
    </div>
  );
}
