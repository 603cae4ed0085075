import { RotateSecretForm } from "@/components/admin/rotate-secret-form";
import { StripeSigningSecretForm } from "@/components/admin/stripe-signing-secret-form";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDate } from "@/lib/format";
import type { FormAction } from "@/lib/http/action-state";

type WebhookDetailsProps = {
  rotateAction: FormAction;
  offeringId: string;
  webhookUrl: string;
  webhookSecret: string;
  previousSecretValidUntil: Date | null;
  stripeSigningSecretSet: boolean;
  setStripeSigningSecretAction: FormAction;
};

/** Where a provider posts payment results for this offering, and how it proves who it is. */
export function WebhookDetails({
  offeringId,
  webhookUrl,
  webhookSecret,
  previousSecretValidUntil,
  stripeSigningSecretSet,
  setStripeSigningSecretAction,
  rotateAction,
}: WebhookDetailsProps) {
  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Webhook</h2>
        <SetupGuide />
      </div>
      <CopyableValue
        label="Webhook URL"
        copyLabel="Copy webhook URL"
        value={webhookUrl}
        testId="webhook-url"
      />
      <CopyableValue
        label="Webhook secret"
        copyLabel="Copy secret"
        value={webhookSecret}
        testId="webhook-secret"
      />
      {previousSecretValidUntil ? (
        <p className="text-sm text-amber-800" data-testid="previous-secret-valid-until">
          The previous secret is still accepted: previous secret valid until{" "}
          {formatDate(previousSecretValidUntil)}.
        </p>
      ) : null}
      <RotateSecretForm action={rotateAction} offeringId={offeringId} />
      <div className="space-y-2 border-t border-slate-100 pt-4">
        <h3 className="font-semibold">Stripe signing secret</h3>
        <StripeSigningSecretForm
          offeringId={offeringId}
          isSet={stripeSigningSecretSet}
          action={setStripeSigningSecretAction}
        />
      </div>
    </Card>
  );
}

/** The three ways a provider can authenticate, and the bodies this URL understands. */
function SetupGuide() {
  return (
    <div className="space-y-2 text-sm text-slate-600" data-testid="webhook-setup-guide">
      <p>
        Your payment provider posts payment results to this URL. It authenticates in one of three
        ways:
      </p>
      <ol className="list-decimal space-y-1 pl-5">
        <li>
          the secret below in an <code>x-offering-secret</code> or{" "}
          <code>Authorization: Bearer …</code> header;
        </li>
        <li>
          a Standard Webhooks signature made with the secret below (<code>webhook-id</code>,{" "}
          <code>webhook-timestamp</code>, <code>webhook-signature</code>);
        </li>
        <li>
          from Stripe, which cannot send custom headers: a <code>Stripe-Signature</code>, checked
          with the endpoint&apos;s signing secret pasted under &ldquo;Stripe signing secret&rdquo;
          below.
        </li>
      </ol>
      <p>
        Bodies understood: our JSON (<code>status</code> with <code>purchase_id</code>,{" "}
        <code>user_id</code> or <code>user_email</code>), Stripe events (
        <code>checkout.session.completed</code>, <code>charge.refunded</code>, …) and PayPal
        webhooks (<code>PAYMENT.SALE.COMPLETED</code>, <code>PAYMENT.CAPTURE.COMPLETED</code>,
        refunds, <code>BILLING.SUBSCRIPTION.CANCELLED</code>).
      </p>
      <p>Always test webhooks before going live: use Send test delivery under Deliveries.</p>
    </div>
  );
}

type CopyableValueProps = { label: string; copyLabel: string; value: string; testId: string };

function CopyableValue({ label, copyLabel, value, testId }: CopyableValueProps) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid={testId}
          className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm text-slate-900"
        >
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </div>
    </div>
  );
}
