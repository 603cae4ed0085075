import { SendTestDeliveryForm } from "@/components/admin/send-test-delivery-form";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/http/action-state";
import type { WebhookDeliveryRow } from "@/lib/offerings/list-webhook-deliveries";

type DeliveryLogProps = {
  offeringId: string;
  deliveries: WebhookDeliveryRow[];
  total: number;
  sendTestDeliveryAction: FormAction;
};

const timestamp = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

/** What every delivery to the offering's URL got back, refusals included, newest first. */
export function DeliveryLog({
  offeringId,
  deliveries,
  total,
  sendTestDeliveryAction,
}: DeliveryLogProps) {
  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Deliveries</h2>
        <p className="text-sm text-slate-600">
          Always test webhooks before going live: the test delivery is signed with the current
          secret, goes to the URL above and changes nothing.
        </p>
      </div>
      <SendTestDeliveryForm offeringId={offeringId} action={sendTestDeliveryAction} />
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">No deliveries yet.</p>
      ) : (
        <>
          <p className="text-sm text-slate-600" data-testid="delivery-count">
            {deliveries.length < total
              ? `The latest ${deliveries.length} of ${total} kept deliveries.`
              : `${total} ${total === 1 ? "delivery" : "deliveries"}.`}{" "}
            The newest 200 are kept.
          </p>
          <DeliveryTable deliveries={deliveries} />
        </>
      )}
    </Card>
  );
}

function DeliveryTable({ deliveries }: { deliveries: WebhookDeliveryRow[] }) {
  return (
    <Table label="Delivery log">
      <thead className="bg-slate-50">
        <tr>
          <Th>Received</Th>
          <Th>HTTP</Th>
          <Th>Outcome</Th>
          <Th>Format</Th>
          <Th>Reason</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {deliveries.map((delivery) => (
          <tr key={delivery.id} data-testid="delivery-row">
            <Td>
              <time dateTime={delivery.receivedAt.toISOString()} className="whitespace-nowrap">
                {timestamp.format(delivery.receivedAt)} UTC
              </time>
            </Td>
            <Td>
              <span
                className={`font-mono ${delivery.status < 300 ? "text-emerald-700" : "text-rose-700"}`}
              >
                {delivery.status}
              </span>
            </Td>
            <Td>
              <span className="whitespace-nowrap">{delivery.outcome}</span>
              {delivery.test ? (
                <span
                  data-testid="delivery-test-marker"
                  className="ml-2 rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700"
                >
                  test
                </span>
              ) : null}
            </Td>
            <Td>{delivery.format ?? "—"}</Td>
            <Td>
              <span className="block max-w-md text-xs break-words text-slate-600">
                {delivery.reason ?? "—"}
              </span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
