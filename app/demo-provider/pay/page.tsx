import { Card, PageTitle } from "@/components/ui/card";
import { DemoPayForm } from "@/components/offerings/demo-pay-form";
import { requireUserPage } from "@/lib/auth/page-guards";
import { getDemoCheckout } from "@/lib/demo-provider/demo-checkout";
import { toAppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";

export const metadata = { title: "Demo payment provider" };

type Props = { searchParams: Promise<{ purchase_id?: string }> };

export default async function DemoProviderPage({ searchParams }: Props) {
  const { purchase_id: purchaseId = "" } = await searchParams;
  await requireUserPage(`/demo-provider/pay?purchase_id=${encodeURIComponent(purchaseId)}`);
  const checkout = await getDemoCheckout({ purchaseId }).catch((error: unknown) => toAppError(error));

  return (
    <Card className="mx-auto max-w-md space-y-4 border-t-4 border-amber-400">
      <PageTitle description="A stand-in for an external payment provider (PayPal, a shop, a script).">
        Demo Pay
      </PageTitle>
      {"code" in checkout ? (
        <p role="alert" className="text-sm text-rose-700">{checkout.message}</p>
      ) : checkout.status !== "PENDING" ? (
        <p role="status" className="text-sm text-slate-700">This payment is already {checkout.status.toLowerCase()}.</p>
      ) : (
        <>
          <p className="text-sm">
            Pay <strong>{formatMoney(checkout.amount, checkout.currency)}</strong> for <strong>{checkout.offeringName}</strong>.
          </p>
          <p className="text-xs text-slate-500">
            Paying posts a signed webhook to the shop with the offering&apos;s secret, like a real provider.
          </p>
          <DemoPayForm purchaseId={purchaseId} />
        </>
      )}
    </Card>
  );
}
