import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { AdminEventRow } from "@/lib/admin/list-events";

/** Recorded webhook deliveries with their outcome; problems show their reason and details. */
export function EventsTable({ events }: { events: AdminEventRow[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No events here.</p>;
  return (
    <Table>
      <thead className="bg-slate-50">
        <tr>
          <Th>Outcome</Th>
          <Th>Type</Th>
          <Th>Provider event</Th>
          <Th>Received</Th>
          <Th>Attempts</Th>
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
              <span className="font-mono text-xs">{event.type}</span>
              <span className="block text-xs text-slate-500">{event.provider}</span>
            </Td>
            <Td>
              <span className="break-all font-mono text-xs">{event.providerEventId}</span>
            </Td>
            <Td>{formatDate(event.receivedAt)}</Td>
            <Td>{event.attempts}</Td>
            <Td>
              {event.error ? <span className="font-medium text-rose-700">{event.error.replace(/_/g, " ")}</span> : null}
              {event.details ? (
                <pre className="mt-1 max-w-xs overflow-x-auto whitespace-pre-wrap text-xs text-slate-500">
                  {JSON.stringify(event.details)}
                </pre>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
