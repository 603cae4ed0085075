import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDate } from "@/lib/format";
import type { StripeIntegrationView } from "@/lib/settings/get-stripe-integration";

type StripeWebhookSetupProps = Pick<
  StripeIntegrationView,
  "endpointUrl" | "eventTypes" | "previousWebhookSecret" | "sandboxUrl"
>;

/** What to paste into Stripe's dashboard: the endpoint URL and the events it must send. */
export function StripeWebhookSetup({
  endpointUrl,
  eventTypes,
  previousWebhookSecret,
  sandboxUrl,
}: StripeWebhookSetupProps) {
  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Webhook endpoint</h2>
        <p className="text-sm text-slate-600">
          In Stripe → Developers → Webhooks, add an endpoint with this URL, select exactly these
          events, then save its signing secret below. Other events are acknowledged and ignored.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="stripe-endpoint-url"
          className="rounded bg-slate-50 px-2 py-1 text-sm break-all ring-1 ring-slate-200"
        >
          {endpointUrl}
        </code>
        <CopyButton value={endpointUrl} label="Copy endpoint URL" />
      </div>
      <div className="space-y-2">
        <div className="flex items-center gap-2">
          <h3 className="font-semibold">Events to send</h3>
          <CopyButton value={eventTypes.join("\n")} label="Copy event list" />
        </div>
        <ul data-testid="stripe-event-types" className="grid gap-1 text-sm sm:grid-cols-2">
          {eventTypes.map((type) => (
            <li key={type}>
              <code>{type}</code>
            </li>
          ))}
        </ul>
      </div>
      {previousWebhookSecret ? (
        <p data-testid="stripe-previous-secret" className="text-sm text-amber-800">
          The previous signing secret ({previousWebhookSecret.masked}) is still accepted until{" "}
          {formatDate(previousWebhookSecret.acceptedUntil)}.
        </p>
      ) : null}
      {sandboxUrl ? (
        <p
          data-testid="stripe-sandbox-note"
          className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900"
        >
          The local Stripe sandbox ({sandboxUrl}) stands in for Stripe. It signs its events with the
          secret the launcher gave it (STRIPE_WEBHOOK_SECRET): saving another signing secret here
          makes its events fail verification once the overlap ends, unless you change it back.
        </p>
      ) : null}
    </Card>
  );
}

type StripeDeliveriesProps = Pick<
  StripeIntegrationView,
  "lastVerifiedEvent" | "lastSignatureFailureAt"
>;

/** How the last deliveries went: the newest accepted event, and the newest refused signature. */
export function StripeDeliveries({
  lastVerifiedEvent,
  lastSignatureFailureAt,
}: StripeDeliveriesProps) {
  const failingNow =
    lastSignatureFailureAt !== null &&
    (lastVerifiedEvent === null || lastSignatureFailureAt > lastVerifiedEvent.receivedAt);
  return (
    <dl className="grid gap-2 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-4">
      <dt className="font-medium text-slate-700">Last verified event</dt>
      <dd data-testid="stripe-last-verified-event">
        {lastVerifiedEvent
          ? `${formatDate(lastVerifiedEvent.receivedAt)}: ${lastVerifiedEvent.type} (${lastVerifiedEvent.outcome})`
          : "None yet"}
      </dd>
      <dt className="font-medium text-slate-700">Last refused signature</dt>
      <dd data-testid="stripe-last-signature-failure">
        {lastSignatureFailureAt ? formatDate(lastSignatureFailureAt) : "None"}
      </dd>
      {failingNow ? (
        <dd role="alert" className="text-rose-800 sm:col-span-2">
          The most recent delivery did not verify: check that the signing secret saved here is the
          one Stripe shows for this endpoint.
        </dd>
      ) : null}
    </dl>
  );
}
