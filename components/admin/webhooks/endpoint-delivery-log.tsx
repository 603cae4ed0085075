import { ReplayDeliveryForm } from "@/components/admin/webhooks/replay-delivery-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/http/action-state";
import type { EndpointDeliveryRow } from "@/lib/notifications/webhooks/list-endpoint-deliveries";

type EndpointDeliveryLogProps = {
  endpointId: string;
  deliveries: EndpointDeliveryRow[];
  total: number;
  replayAction: FormAction;
};

const timestamp = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

function Time({ value }: { value: Date }) {
  return (
    <time dateTime={value.toISOString()} className="whitespace-nowrap">
      {timestamp.format(value)} UTC
    </time>
  );
}

/** Each message sent to the endpoint, newest first, with its state, every attempt and Replay. */
export function EndpointDeliveryLog({
  endpointId,
  deliveries,
  total,
  replayAction,
}: EndpointDeliveryLogProps) {
  if (deliveries.length === 0) {
    return <p className="text-sm text-slate-600">Nothing sent to this endpoint yet.</p>;
  }
  return (
    <div className="space-y-2">
      {deliveries.length < total ? (
        <p className="text-sm text-slate-600">
          The latest {deliveries.length} of {total} messages.
        </p>
      ) : null}
      <Table label="Delivery log">
        <thead className="bg-slate-50">
          <tr>
            <Th>Message</Th>
            <Th>State</Th>
            <Th>Attempts</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((delivery) => (
            <tr key={delivery.id} data-testid="endpoint-delivery-row">
              <Td>
                <p className="font-medium text-slate-900">{delivery.message.type}</p>
                <p className="font-mono text-xs text-slate-500">{delivery.message.id}</p>
                <p className="text-xs text-slate-500">
                  <Time value={delivery.message.createdAt} />
                </p>
                <div className="mt-2">
                  <ReplayDeliveryForm
                    action={replayAction}
                    deliveryId={delivery.id}
                    endpointId={endpointId}
                    messageId={delivery.message.id}
                  />
                </div>
              </Td>
              <Td>
                <StatusBadge status={delivery.status} />
                {delivery.status === "DEAD" ? (
                  <p data-testid="dead-marker" className="mt-1 text-xs font-medium text-rose-700">
                    Dead: every retry failed
                  </p>
                ) : null}
                {delivery.status === "PENDING" && delivery.nextAttemptAt ? (
                  <p className="mt-1 text-xs text-slate-600">
                    Next try <Time value={delivery.nextAttemptAt} />
                  </p>
                ) : null}
                {delivery.lastError ? (
                  <p className="mt-1 max-w-xs text-xs break-words text-slate-600">
                    {delivery.lastError}
                  </p>
                ) : null}
              </Td>
              <Td>
                <AttemptList attempts={delivery.attemptLog} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function AttemptList({ attempts }: { attempts: EndpointDeliveryRow["attemptLog"] }) {
  if (attempts.length === 0) return <span className="text-slate-500">none yet</span>;
  return (
    <ol className="min-w-64 space-y-2" data-testid="attempt-list">
      {attempts.map((attempt) => {
        const ok = attempt.status !== null && attempt.status < 300 && !attempt.error;
        return (
          <li key={attempt.id} data-testid="attempt" className="text-xs">
            <p>
              <span className="font-semibold">#{attempt.number}</span>{" "}
              <span
                className={`font-mono whitespace-nowrap ${ok ? "text-emerald-700" : "text-rose-700"}`}
              >
                {attempt.status ?? "no answer"}
              </span>{" "}
              · {attempt.latencyMs} ms · <Time value={attempt.createdAt} />
            </p>
            <p className="font-mono text-slate-500">{attempt.requestId}</p>
            {attempt.error && attempt.status === null ? (
              <p className="break-words text-rose-700">{attempt.error}</p>
            ) : null}
            {attempt.nextRetryAt ? (
              <p className="text-slate-600">
                Retry at <Time value={attempt.nextRetryAt} />
              </p>
            ) : null}
            {attempt.responseExcerpt ? (
              <details>
                <summary className="cursor-pointer text-indigo-700">Response</summary>
                <pre className="mt-1 max-h-48 max-w-md overflow-auto rounded bg-slate-50 p-2 whitespace-pre-wrap break-words text-slate-700 ring-1 ring-slate-200">
                  {attempt.responseExcerpt}
                </pre>
              </details>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
