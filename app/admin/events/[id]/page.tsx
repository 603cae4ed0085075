import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { replayEventAction } from "@/app/admin/events/actions";
import { EventChanges, EventFacts, JsonBlock } from "@/components/admin/event-details";
import { ReplayEventForm } from "@/components/admin/replay-event-form";
import { Card, PageTitle } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { getEventForAdmin } from "@/lib/admin/get-event-for-admin";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { pageId } from "@/lib/http/or-not-found";

export const metadata: Metadata = { title: "Event" };

type Props = { params: Promise<{ id: string }> };

export default async function AdminEventPage({ params }: Props) {
  const id = pageId((await params).id);
  await requireAdminPage(`/admin/events/${id}`);
  const event = await getEventForAdmin({ eventRecordId: id });
  if (!event) notFound();

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/events" className="text-indigo-700 hover:underline">
          ← All events
        </Link>
      </p>
      <PageTitle description={<StatusBadge status={event.outcome} />}>
        <span className="break-all font-mono text-xl">{event.type}</span>
      </PageTitle>
      <EventFacts event={event} />
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Replay</h2>
        <ReplayEventForm
          action={replayEventAction}
          eventRecordId={event.id}
          replayable={event.replayable}
        />
      </Card>
      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading" className="text-lg font-semibold">
          What it changed
        </h2>
        <EventChanges event={event} />
      </section>
      <JsonBlock title="Details" value={event.details} />
      <JsonBlock title="Payload (secrets redacted)" value={event.payload} />
    </div>
  );
}
