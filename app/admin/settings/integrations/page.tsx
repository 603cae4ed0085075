import type { Metadata } from "next";
import {
  saveStripeSettingsAction,
  sendStripeTestEventAction,
} from "@/app/admin/settings/integrations/actions";
import { SendStripeTestEventForm } from "@/components/admin/send-stripe-test-event-form";
import { StripeSettingsForm } from "@/components/admin/stripe-settings-form";
import { StripeDeliveries, StripeWebhookSetup } from "@/components/admin/stripe-webhook-setup";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { getStripeIntegration } from "@/lib/settings/get-stripe-integration";

export const metadata: Metadata = { title: "Integrations" };

/** Settings → Integrations → Stripe: keys and signing secret, endpoint setup, and a live test. */
export default async function IntegrationsSettingsPage() {
  await requireAdminPage("/admin/settings/integrations");
  const stripe = await getStripeIntegration();
  return (
    <div className="space-y-6">
      <PageTitle description="Saved values take precedence over environment variables and apply within seconds, with no restart.">
        Integrations
      </PageTitle>
      <Card className="space-y-4">
        <div>
          <h2 className="text-lg font-semibold">Stripe</h2>
          <p className="text-sm text-slate-600">
            Stored encrypted; after saving, only the last 4 characters are ever shown.
          </p>
        </div>
        <StripeSettingsForm fields={stripe.fields} action={saveStripeSettingsAction} />
      </Card>
      <StripeWebhookSetup {...stripe} />
      <Card className="space-y-4">
        <div>
          <h2 className="text-lg font-semibold">Deliveries</h2>
          <p className="text-sm text-slate-600">
            The test event is signed with the signing secret in effect, exactly as Stripe signs, and
            posted to the endpoint above. It is recorded as ignored and changes nothing.
          </p>
        </div>
        <StripeDeliveries {...stripe} />
        <SendStripeTestEventForm action={sendStripeTestEventAction} />
      </Card>
    </div>
  );
}
