import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { EndpointRow } from "@/lib/notifications/webhooks/list-endpoints";

/** Every endpoint: where it points, what it takes, whether it is on, and what waits or died. */
export function EndpointsTable({ endpoints }: { endpoints: EndpointRow[] }) {
  return (
    <Table label="Webhook endpoints">
      <thead className="bg-slate-50">
        <tr>
          <Th>Endpoint</Th>
          <Th>Events</Th>
          <Th>State</Th>
          <Th>Waiting</Th>
          <Th>Dead</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {endpoints.map((endpoint) => (
          <tr key={endpoint.id} data-testid="endpoint-row">
            <Td>
              <Link
                href={`/admin/webhooks/${endpoint.id}`}
                className="font-mono text-sm break-all text-indigo-700 hover:underline"
              >
                {endpoint.url}
              </Link>
              {endpoint.description ? (
                <p className="mt-1 max-w-md text-xs text-slate-500">{endpoint.description}</p>
              ) : null}
            </Td>
            <Td>{endpoint.eventTypes.length === 0 ? "All" : endpoint.eventTypes.join(", ")}</Td>
            <Td>
              <StatusBadge status={endpoint.enabled ? "ENABLED" : "DISABLED"} />
              {endpoint.enabled && endpoint.failingSince ? (
                <p className="mt-1 text-xs text-rose-700">
                  Failing since {formatDate(endpoint.failingSince)}
                </p>
              ) : null}
              {!endpoint.enabled && endpoint.disabledReason ? (
                <p className="mt-1 max-w-xs text-xs text-slate-600">{endpoint.disabledReason}</p>
              ) : null}
            </Td>
            <Td>{endpoint.pending}</Td>
            <Td>{endpoint.dead}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
