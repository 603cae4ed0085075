import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { AdminEventRow } from "@/lib/admin/list-events";

/** A JSON value in a disclosure: closed it shows one truncated line, open all of it, scrollable. */
function JsonDisclosure({ label, value }: { label: string; value: unknown }) {
  return (
    <details className="group mt-1 w-64">
      <summary className="flex cursor-pointer items-baseline gap-2 text-xs text-slate-600 marker:content-none">
        <span aria-hidden className="transition group-open:rotate-90">
          ▸
        </span>
        <span className="shrink-0 font-medium">{label}</span>
        <code className="min-w-0 truncate text-slate-500 group-open:hidden">
          {JSON.stringify(value)}
        </code>
      </summary>
      <pre className="mt-1 max-h-80 overflow-auto rounded-md bg-slate-50 p-2 text-xs text-slate-700 ring-1 ring-slate-200">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

/** Recorded webhook deliveries with their outcome; problems show their reason and details. */
export function EventsTable({ events }: { events: AdminEventRow[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No events here.</p>;
  return (
    <Table label="Events">
      <thead className="bg-slate-50">
        <tr>
          <Th>Outcome</Th>
          <Th>Type</Th>
          <Th>Provider event</Th>
          <Th>Received</Th>
          <Th>Why</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {events.map((event) => (
          <tr key={event.id} data-testid="event-row">
            <Td>
              <StatusBadge status={event.outcome} />
            </Td>
            <Td>
              <Link
                href={`/admin/events/${event.id}`}
                className="whitespace-nowrap font-mono text-xs text-indigo-700 hover:underline"
              >
                {event.type}
              </Link>
              <span className="block text-xs text-slate-500">{event.provider}</span>
            </Td>
            <Td>
              <div className="flex items-center gap-2">
                <span
                  title={event.providerEventId}
                  data-testid="provider-event-id"
                  className="block w-32 truncate whitespace-nowrap font-mono text-xs"
                >
                  {event.providerEventId}
                </span>
                <CopyButton
                  value={event.providerEventId}
                  label="Copy id"
                  className="whitespace-nowrap px-2 py-1 text-xs"
                />
              </div>
            </Td>
            <Td>
              {formatDate(event.receivedAt)}
              <span className="block text-xs text-slate-500">
                {event.attempts === 1 ? "1 attempt" : `${event.attempts} attempts`}
              </span>
            </Td>
            <Td>
              {event.error ? (
                <span className="font-medium text-rose-700">{event.error.replace(/_/g, " ")}</span>
              ) : null}
              {event.details ? <JsonDisclosure label="Details" value={event.details} /> : null}
              <JsonDisclosure label="Payload" value={event.payload} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
