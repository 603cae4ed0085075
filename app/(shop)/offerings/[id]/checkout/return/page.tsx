import { Card, PageTitle } from "@/components/ui/card";
import { PaymentStatus } from "@/components/checkout/payment-status";
import { requireUserPage } from "@/lib/auth/page-guards";

export const metadata = { title: "Payment" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ session_id?: string }> };

/** Where Embedded Checkout returns the buyer; the status is read from Stripe, never from the URL. */
export default async function CheckoutReturnPage({ params, searchParams }: Props) {
  const [{ id }, { session_id: sessionId = "" }] = await Promise.all([params, searchParams]);
  await requireUserPage(`/offerings/${id}/checkout/return?session_id=${encodeURIComponent(sessionId)}`);
  return (
    <Card className="mx-auto max-w-xl space-y-4">
      <PageTitle>Your payment</PageTitle>
      <PaymentStatus sessionId={sessionId} />
    </Card>
  );
}
