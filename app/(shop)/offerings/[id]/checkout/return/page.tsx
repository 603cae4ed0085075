import { notFound } from "next/navigation";
import { z } from "zod";
import { recordId, storableString } from "@/lib/http/storable-text";
import { Card, PageTitle } from "@/components/ui/card";
import { PaymentStatus } from "@/components/checkout/payment-status";
import { PurchaseStatus } from "@/components/checkout/purchase-status";
import { requireUserPage } from "@/lib/auth/page-guards";
import { orNotFound, pageId } from "@/lib/http/or-not-found";
import { getUserPurchase } from "@/lib/purchases/get-user-purchase";

export const metadata = { title: "Payment" };

const returnQuery = z.object({
  session_id: storableString().max(200).catch(""),
  purchase_id: recordId.optional().catch(undefined),
});

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * Where buyers come back after paying: Embedded Checkout with `session_id` (read from Stripe), an
 * external provider's link with `purchase_id` (the buyer's own purchase, settled by its webhook).
 * The status is never taken from the URL.
 */
export default async function CheckoutReturnPage({ params, searchParams }: Props) {
  const [{ id: pathId }, query] = await Promise.all([params, searchParams]);
  const id = pageId(pathId);
  const { session_id: sessionId, purchase_id: purchaseId } = returnQuery.parse(query);
  const returnTo = purchaseId
    ? `purchase_id=${encodeURIComponent(purchaseId)}`
    : `session_id=${encodeURIComponent(sessionId)}`;
  const user = await requireUserPage(`/offerings/${id}/checkout/return?${returnTo}`);
  if (purchaseId) {
    const purchase = await orNotFound(getUserPurchase({ userId: user.id, purchaseId }));
    if (purchase.offering.id !== id) notFound();
  }
  return (
    <Card className="mx-auto max-w-xl space-y-4">
      <PageTitle>Your payment</PageTitle>
      {purchaseId ? (
        <PurchaseStatus purchaseId={purchaseId} />
      ) : (
        <PaymentStatus sessionId={sessionId} />
      )}
    </Card>
  );
}
