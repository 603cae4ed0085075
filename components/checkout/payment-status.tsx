"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ButtonLink } from "@/components/ui/button";
import { readApiError } from "@/components/checkout/read-api-error";

type Capture = {
  status: "paid" | "pending" | "failed" | "refunded" | "expired";
  paymentStatus: string;
  offering: { id: string; name: string };
  accessUntil: string | null;
};

const POLL_MS = 1500;
const MAX_POLLS = 80;

/**
 * After Stripe sends the buyer back: asks our server (which asks Stripe) how the session ended,
 * and keeps asking, visibly, until the payment is confirmed or has failed.
 */
export function PaymentStatus({ sessionId }: { sessionId: string }) {
  const [capture, setCapture] = useState<Capture | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [polls, setPolls] = useState(0);
  const router = useRouter();
  const settled = capture !== null && capture.status !== "pending";

  // Once settled, re-render the server parts of the page (purchases, access) with the outcome.
  useEffect(() => {
    if (settled) router.refresh();
  }, [settled, router]);

  useEffect(() => {
    if (capture && capture.status !== "pending") return;
    if (polls >= MAX_POLLS) return;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch("/api/orders/capture", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ session_id: sessionId }),
        });
        if (!response.ok) throw new Error(await readApiError(response));
        setCapture((await response.json()) as Capture);
        setError(null);
      } catch (caught) {
        setError((caught as Error).message);
      }
      setPolls((count) => count + 1);
    }, polls === 0 ? 0 : POLL_MS);
    return () => clearTimeout(timer);
  }, [capture, polls, sessionId]);

  if (!capture) {
    return (
      <div role="status" data-testid="payment-status" className="rounded-md bg-slate-100 px-4 py-3 text-sm">
        {error ?? "Checking your payment with Stripe…"}
      </div>
    );
  }
  const tone = capture.status === "paid" ? "bg-emerald-50 text-emerald-900" : capture.status === "pending" ? "bg-amber-50 text-amber-900" : "bg-rose-50 text-rose-900";
  return (
    <div role="status" data-testid="payment-status" data-status={capture.status} className={`space-y-2 rounded-md px-4 py-3 text-sm ${tone}`}>
      {capture.status === "paid" ? (
        <>
          <p className="font-semibold">Payment received. You now have access to {capture.offering.name}.</p>
          <ButtonLink href="/dashboard/billing" variant="secondary">See your access</ButtonLink>
        </>
      ) : capture.status === "pending" ? (
        <p>
          {capture.paymentStatus === "unpaid"
            ? "Your bank payment is processing. Access is granted as soon as it settles; you can leave this page."
            : "Waiting for Stripe to confirm your payment…"}{" "}
          <span className="text-xs">(check {polls})</span>
        </p>
      ) : (
        <p className="font-semibold">
          {capture.status === "failed" ? "Your payment failed; nothing was charged." : capture.status === "refunded" ? "This payment was refunded." : "This checkout expired before it was paid."}
        </p>
      )}
      {error ? <p className="text-xs">{error}</p> : null}
    </div>
  );
}
