"use client";

import { useCallback } from "react";
import { ButtonLink } from "@/components/ui/button";
import { readApiError } from "@/components/checkout/read-api-error";
import { StatusPanel } from "@/components/checkout/status-panel";
import { usePaymentPolling } from "@/components/checkout/use-payment-polling";

type PurchaseStatusWord = "paid" | "pending" | "failed" | "refunded" | "expired";

const statusWords: Record<string, PurchaseStatusWord> = {
  PENDING: "pending",
  SUCCEEDED: "paid",
  FAILED: "failed",
  REFUNDED: "refunded",
  EXPIRED: "expired",
};

const settledMessages: Record<
  Exclude<PurchaseStatusWord, "pending">,
  (offeringName: string) => string
> = {
  paid: (offeringName) => `Payment received. You now have access to ${offeringName}.`,
  failed: () => "Your payment failed; nothing was granted.",
  refunded: () => "This payment was refunded.",
  expired: () => "This payment attempt expired before it was paid.",
};

type Purchase = { status: string; offering: { name: string } };

/**
 * Where an external provider sends the buyer back: the provider's webhook, not this page, settles
 * the purchase, so the page asks our server about it until the webhook has arrived.
 */
export function PurchaseStatus({ purchaseId }: { purchaseId: string }) {
  const load = useCallback(async () => {
    const response = await fetch(`/api/purchases/${encodeURIComponent(purchaseId)}`, {
      cache: "no-store",
    });
    if (!response.ok) throw new Error(await readApiError(response));
    const { purchase } = (await response.json()) as { purchase: Purchase };
    return {
      status: statusWords[purchase.status] ?? "pending",
      offeringName: purchase.offering.name,
    };
  }, [purchaseId]);
  const { result, error, polls, gaveUp } = usePaymentPolling(load);

  if (!result) {
    return <StatusPanel>{error ?? "Checking your payment…"}</StatusPanel>;
  }
  return (
    <StatusPanel status={result.status}>
      {result.status === "pending" ? (
        <p>
          Waiting for the payment provider to confirm your payment for {result.offeringName}…{" "}
          <span className="text-xs">(check {polls})</span>
        </p>
      ) : (
        <p className="font-semibold">{settledMessages[result.status](result.offeringName)}</p>
      )}
      {gaveUp ? (
        <p className="text-xs">
          No word from the provider yet. Your billing page will show the outcome; you can leave this
          page.
        </p>
      ) : null}
      {result.status !== "pending" || gaveUp ? (
        <ButtonLink href="/dashboard/billing" variant="secondary">
          Go to your billing page
        </ButtonLink>
      ) : null}
      {error ? <p className="text-xs">{error}</p> : null}
    </StatusPanel>
  );
}
