"use client";

import { useCallback } from "react";
import { ButtonLink } from "@/components/ui/button";
import { readApiError } from "@/components/checkout/read-api-error";
import { StatusPanel } from "@/components/checkout/status-panel";
import { usePaymentPolling } from "@/components/checkout/use-payment-polling";

type Capture = {
  status: "paid" | "pending" | "not_completed" | "failed" | "refunded" | "expired";
  paymentStatus: string;
  freeTrial: boolean;
  declineReason: string | null;
  checkoutUrl: string | null;
  offering: { id: string; name: string };
  accessUntil: string | null;
};

/**
 * After Stripe sends the buyer back: asks our server (which asks Stripe) how the session ended,
 * and keeps asking, visibly, until the payment is confirmed or has failed.
 */
export function PaymentStatus({ sessionId }: { sessionId: string }) {
  const load = useCallback(async () => {
    const response = await fetch("/api/orders/capture", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session_id: sessionId }),
    });
    if (!response.ok) throw new Error(await readApiError(response));
    return (await response.json()) as Capture;
  }, [sessionId]);
  const { result: capture, error, polls, gaveUp } = usePaymentPolling(load);

  if (!capture) {
    return <StatusPanel>{error ?? "Checking your payment with Stripe…"}</StatusPanel>;
  }
  return (
    <StatusPanel status={capture.status}>
      <CaptureMessage capture={capture} polls={polls} />
      {gaveUp ? (
        <p className="text-xs">
          Still not settled. Your billing page will show the outcome; you can leave this page.
        </p>
      ) : null}
      {error ? <p className="text-xs">{error}</p> : null}
    </StatusPanel>
  );
}

function CaptureMessage({ capture, polls }: { capture: Capture; polls: number }) {
  switch (capture.status) {
    case "paid":
      return (
        <>
          <p className="font-semibold">
            {capture.freeTrial
              ? `Your free trial has started. You now have access to ${capture.offering.name}.`
              : `Payment received. You now have access to ${capture.offering.name}.`}
          </p>
          <ButtonLink href="/dashboard/billing" variant="secondary">
            See your access
          </ButtonLink>
        </>
      );
    case "pending":
      return (
        <p>
          {capture.paymentStatus === "unpaid"
            ? "Your bank payment is processing. Access is granted as soon as it settles; you can leave this page."
            : "Waiting for Stripe to confirm your payment…"}{" "}
          <span className="text-xs">(check {polls})</span>
        </p>
      );
    case "not_completed":
      return (
        <>
          <p className="font-semibold">Payment not completed</p>
          <p data-testid="decline-reason">{capture.declineReason}</p>
          {capture.checkoutUrl ? (
            <ButtonLink href={capture.checkoutUrl} variant="secondary">
              Return to checkout
            </ButtonLink>
          ) : null}
        </>
      );
    case "expired":
      return (
        <>
          <p className="font-semibold">This checkout expired before it was paid.</p>
          <ButtonLink href={`/offerings/${capture.offering.id}/checkout`} variant="secondary">
            Start a new checkout
          </ButtonLink>
        </>
      );
    default:
      return (
        <p className="font-semibold">
          {capture.status === "failed"
            ? "Your payment failed; nothing was charged."
            : "This payment was refunded."}
        </p>
      );
  }
}
