import { z } from "zod";
import { storableString } from "@/lib/http/storable-text";
import { payDemoAction } from "@/app/demo-provider/pay/actions";
import { Card, PageTitle } from "@/components/ui/card";
import { DemoPayForm } from "@/components/offerings/demo-pay-form";
import { requireUserPage } from "@/lib/auth/page-guards";
import { getDemoCheckout } from "@/lib/demo-provider/get-demo-checkout";
import { formatMoney } from "@/lib/format";
import { orNotFound } from "@/lib/http/or-not-found";

export const metadata = { title: "Demo payment provider" };

const query = z.object({ purchase_id: storableString().max(100).catch("") });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The demo provider's payment page: only the buyer who owns the purchase sees it. */
export default async function DemoProviderPage({ searchParams }: Props) {
  const { purchase_id: purchaseId } = query.parse(await searchParams);
  const user = await requireUserPage(
    `/demo-provider/pay?purchase_id=${encodeURIComponent(purchaseId)}`,
  );
  const checkout = await orNotFound(getDemoCheckout({ userId: user.id, purchaseId }));

  return (
    <Card className="mx-auto max-w-md space-y-4 border-t-4 border-amber-400">
      <PageTitle description="A stand-in for an external payment provider (PayPal, a shop, a script).">
        Demo Pay
      </PageTitle>
      {checkout.status !== "PENDING" ? (
        <p role="status" className="text-sm text-slate-700">
          This payment is already {checkout.status.toLowerCase()}.
        </p>
      ) : (
        <>
          <p className="text-sm">
            Pay <strong>{formatMoney(checkout.amount, checkout.currency)}</strong> for{" "}
            <strong>{checkout.offeringName}</strong>.
          </p>
          <p className="text-xs text-slate-500">
            Paying posts a signed webhook to the shop with the offering&apos;s secret, like a real
            provider.
          </p>
          <DemoPayForm purchaseId={purchaseId} action={payDemoAction} />
        </>
      )}
    </Card>
  );
}
