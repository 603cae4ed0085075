import { proceedToPaymentAction } from "./actions";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { PriceTag } from "@/components/offerings/price-tag";
import { ProceedToPaymentForm } from "@/components/offerings/proceed-to-payment-form";
import { EmbeddedCheckoutPanel } from "@/components/checkout/embedded-checkout-panel";
import { TrialNotice } from "@/components/checkout/trial-notice";
import { stripePublishableKey, stripeSandboxUrl } from "@/lib/stripe/client";
import { checkoutAccess } from "@/lib/access/checkout-access";
import { requireUserPage } from "@/lib/auth/page-guards";
import { getActiveOffering } from "@/lib/offerings/list-offerings";
import { pageId } from "@/lib/http/or-not-found";
import { offeredTrial } from "@/lib/subscriptions/offered-trial";

export const metadata = { title: "Checkout" };

/** The purchase step: what you are buying, and the way to pay for it. */
export default async function CheckoutPage({ params }: { params: Promise<{ id: string }> }) {
  const id = pageId((await params).id);
  const user = await requireUserPage(`/offerings/${id}/checkout`);
  const offering = await getActiveOffering(id);
  if (!offering) notFound();
  const { hasAccess: alreadyHasAccess, subscribed } = await checkoutAccess(user.id, offering);

  return (
    <Card className="mx-auto max-w-xl space-y-5">
      <PageTitle description={`Signed in as ${user.email}`}>Checkout</PageTitle>
      <div className="rounded-md bg-slate-50 p-4">
        <p className="font-semibold">{offering.name}</p>
        <PriceTag {...offering} />
      </div>
      {alreadyHasAccess ? (
        <div className="space-y-3" role="status">
          <p className="text-sm text-emerald-800">
            {subscribed
              ? "You already subscribe to this offering. Manage your subscription from your billing dashboard."
              : "You already have access to this offering."}
          </p>
          <ButtonLink href="/dashboard/billing" variant="secondary">
            Go to your billing dashboard
          </ButtonLink>
        </div>
      ) : offering.channel === "STRIPE_EMBEDDED" ? (
        <>
          <TrialNotice {...offering} offered={await offeredTrial(user.id, offering)} />
          <EmbeddedCheckoutPanel
            offeringId={offering.id}
            publishableKey={await stripePublishableKey()}
            sandboxUrl={stripeSandboxUrl()}
          />
        </>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            You will be taken to our payment provider. Access is granted as soon as the provider
            confirms your payment.
          </p>
          <ProceedToPaymentForm action={proceedToPaymentAction} offeringId={offering.id} />
        </>
      )}
    </Card>
  );
}
