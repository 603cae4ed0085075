import {
  deleteEndpointAction,
  replayDeliveryAction,
  rotateEndpointSecretAction,
  sendTestEventAction,
  setEndpointEnabledAction,
  updateEndpointAction,
} from "@/app/admin/webhooks/actions";
import type { Metadata } from "next";
import { DeleteEndpointForm } from "@/components/admin/webhooks/delete-endpoint-form";
import { EndpointDeliveryLog } from "@/components/admin/webhooks/endpoint-delivery-log";
import { EndpointForm } from "@/components/admin/webhooks/endpoint-form";
import { EndpointSwitchForm } from "@/components/admin/webhooks/endpoint-switch-form";
import { RotateEndpointSecretForm } from "@/components/admin/webhooks/rotate-endpoint-secret-form";
import { SendTestEventForm } from "@/components/admin/webhooks/send-test-event-form";
import { Card, PageTitle } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { formatDate } from "@/lib/format";
import { orNotFound, pageId } from "@/lib/http/or-not-found";
import { getEndpoint } from "@/lib/notifications/webhooks/get-endpoint";
import { listEndpointDeliveries } from "@/lib/notifications/webhooks/list-endpoint-deliveries";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function AdminWebhookEndpointPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const id = pageId((await params).id);
  await requireAdminPage(`/admin/webhooks/${id}`);
  const endpoint = await orNotFound(getEndpoint(id));
  const { deliveries, total } = await listEndpointDeliveries({ endpointId: id });
  const rotating =
    endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date()
      ? endpoint.previousSecretExpiresAt
      : null;
  return (
    <div className="space-y-6">
      <PageTitle description={endpoint.description || undefined}>
        <span className="font-mono text-xl break-all">{endpoint.url}</span>
      </PageTitle>
      <Card className="space-y-4">
        <div className="flex flex-wrap items-center gap-3" data-testid="endpoint-state">
          <StatusBadge status={endpoint.enabled ? "ENABLED" : "DISABLED"} />
          {!endpoint.enabled && endpoint.disabledReason ? (
            <span className="text-sm text-slate-600">
              {endpoint.disabledReason}
              {endpoint.disabledAt ? ` (${formatDate(endpoint.disabledAt)})` : ""}
            </span>
          ) : null}
          {endpoint.enabled && endpoint.failingSince ? (
            <span className="text-sm text-rose-700">
              Every attempt has failed since {formatDate(endpoint.failingSince)}; after 5 days the
              endpoint is turned off.
            </span>
          ) : null}
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <EndpointSwitchForm
            action={setEndpointEnabledAction}
            endpointId={endpoint.id}
            enabled={endpoint.enabled}
          />
          <SendTestEventForm
            action={sendTestEventAction}
            endpointId={endpoint.id}
            disabled={!endpoint.enabled}
          />
        </div>
      </Card>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Deliveries</h2>
        <p className="text-sm text-slate-600">
          Sent at once, then retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; then dead,
          and marked so. Order is not promised: receivers dedupe on <code>webhook-id</code>, which
          Replay keeps.
        </p>
        <EndpointDeliveryLog
          endpointId={endpoint.id}
          deliveries={deliveries}
          total={total}
          replayAction={replayDeliveryAction}
        />
      </Card>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Settings</h2>
        <EndpointForm action={updateEndpointAction} endpoint={endpoint} />
      </Card>
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Signing secret</h2>
        <p className="text-sm text-slate-600">
          Shown once, when it was made. Rotating issues a new one; the old one also signs for 24
          hours.
        </p>
        {rotating ? (
          <p className="text-sm text-amber-800" data-testid="previous-secret-valid-until">
            Both secrets sign until {formatDate(rotating)}.
          </p>
        ) : null}
        <RotateEndpointSecretForm action={rotateEndpointSecretAction} endpointId={endpoint.id} />
      </Card>
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Delete endpoint</h2>
        <DeleteEndpointForm action={deleteEndpointAction} endpointId={endpoint.id} />
      </Card>
    </div>
  );
}
