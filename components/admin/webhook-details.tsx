import { RotateSecretForm } from "@/components/admin/rotate-secret-form";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDate } from "@/lib/format";

type WebhookDetailsProps = {
  offeringId: string;
  webhookUrl: string;
  webhookSecret: string;
  previousSecretValidUntil: Date | null;
};

/** Where a provider posts payment results for this offering, and the secret it must send. */
export function WebhookDetails({ offeringId, webhookUrl, webhookSecret, previousSecretValidUntil }: WebhookDetailsProps) {
  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Webhook</h2>
        <p className="text-sm text-slate-600">
          Your payment provider posts to this URL with the secret in <code>x-offering-secret</code> or{" "}
          <code>Authorization: Bearer …</code>.
        </p>
      </div>
      <CopyableValue label="Webhook URL" copyLabel="Copy webhook URL" value={webhookUrl} testId="webhook-url" />
      <CopyableValue label="Webhook secret" copyLabel="Copy secret" value={webhookSecret} testId="webhook-secret" />
      {previousSecretValidUntil ? (
        <p className="text-sm text-amber-800" data-testid="previous-secret-valid-until">
          The previous secret is still accepted: previous secret valid until {formatDate(previousSecretValidUntil)}.
        </p>
      ) : null}
      <RotateSecretForm offeringId={offeringId} />
    </Card>
  );
}

type CopyableValueProps = { label: string; copyLabel: string; value: string; testId: string };

function CopyableValue({ label, copyLabel, value, testId }: CopyableValueProps) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm text-slate-900">
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </div>
    </div>
  );
}
