import type { Metadata } from "next";
import Link from "next/link";
import { EventsTable } from "@/components/admin/events-table";
import { KeysetPagination } from "@/components/admin/keyset-pagination";
import { PageTitle } from "@/components/ui/card";
import { listEventsForAdmin } from "@/lib/admin/list-events";
import { eventOutcomes, eventQuery } from "@/lib/admin/schemas";
import { requireAdminPage } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Events" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function AdminEventsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/events");
  const query = eventQuery.parse(await searchParams);
  const result = await listEventsForAdmin(query);
  const filters = [{ label: "All", href: "/admin/events", active: !query.outcome && !query.dead }]
    .concat(
      eventOutcomes.map((outcome) => ({
        label: outcome.toLowerCase(),
        href: `/admin/events?outcome=${outcome}`,
        active: !query.dead && query.outcome === outcome,
      })),
    )
    .concat({ label: "Dead letters", href: "/admin/events?dead=1", active: query.dead });
  const basePath = query.dead
    ? "/admin/events?dead=1&"
    : query.outcome
      ? `/admin/events?outcome=${query.outcome}&`
      : "/admin/events?";
  return (
    <>
      <PageTitle description="Every webhook delivery recorded, with how it ended. Failed ones are tried again when the provider delivers them again; open one to see what it changed, or to replay it. Dead letters have failed three times or more.">
        Events
      </PageTitle>
      <nav aria-label="Filter events" className="mb-4 flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {filters.map((filter) => (
          <Link
            key={filter.href}
            href={filter.href}
            aria-current={filter.active ? "page" : undefined}
            className={filter.active ? "font-semibold text-indigo-700" : "text-slate-600"}
          >
            {filter.label}
          </Link>
        ))}
      </nav>
      <EventsTable events={result.items} />
      <KeysetPagination
        basePath={basePath}
        next={result.next}
        previous={result.previous}
        total={result.total}
      />
    </>
  );
}
