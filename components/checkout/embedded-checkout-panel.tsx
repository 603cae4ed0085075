"use client";

import { EmbeddedCheckout, EmbeddedCheckoutProvider } from "@stripe/react-stripe-js";
// The "pure" entry loads Stripe.js only when loadStripe is called (real keys), not on import.
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useEffect, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { readApiError } from "@/components/checkout/read-api-error";

type Props = { offeringId: string; publishableKey: string | null; sandboxUrl: string | null };

type State =
  | { step: "starting" }
  | { step: "ready"; clientSecret: string; stripe: Stripe | null }
  | { step: "has-access" }
  | { step: "error"; message: string };

const SANDBOX_COMPLETE = "stripe-sandbox:checkout-complete";

/**
 * Embedded Checkout: asks the server for a session, then mounts Stripe's form (real keys) or the
 * local sandbox's form in its place. Stripe's own script loads from Stripe; if it cannot, say so.
 */
export function EmbeddedCheckoutPanel({ offeringId, publishableKey, sandboxUrl }: Props) {
  const [state, setState] = useState<State>({ step: "starting" });
  const [completing, setCompleting] = useState(false);
  // Bumped by "Try again": the server reuses the pending order, so a retry never pays twice.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    async function start() {
      const response = await fetch("/api/checkout/sessions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ offeringId }),
      });
      if (!response.ok) throw new Error(await readApiError(response));
      const body = (await response.json()) as { success: boolean; clientSecret?: string };
      if (!body.success || !body.clientSecret) return { step: "has-access" } as const;
      if (!publishableKey)
        return { step: "ready", clientSecret: body.clientSecret, stripe: null } as const;
      const stripe = await loadStripe(publishableKey).catch(() => null);
      if (!stripe)
        throw new Error(
          "Stripe's payment form could not load (Stripe.js is blocked or you are offline). Reload the page to try again.",
        );
      return { step: "ready", clientSecret: body.clientSecret, stripe } as const;
    }
    start()
      .then((next) => !cancelled && setState(next))
      .catch((error: Error) => !cancelled && setState({ step: "error", message: error.message }));
    return () => {
      cancelled = true;
    };
  }, [offeringId, publishableKey, attempt]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (
        sandboxUrl &&
        event.origin === new URL(sandboxUrl).origin &&
        event.data?.type === SANDBOX_COMPLETE
      )
        setCompleting(true);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [sandboxUrl]);

  if (state.step === "starting")
    return (
      <p role="status" className="text-sm text-slate-600">
        Preparing secure checkout…
      </p>
    );
  if (state.step === "error") {
    return (
      <div className="space-y-3">
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {state.message}
        </p>
        <Button
          variant="secondary"
          onClick={() => {
            setState({ step: "starting" });
            setAttempt((count) => count + 1);
          }}
        >
          Try again
        </Button>
      </div>
    );
  }
  if (state.step === "has-access") {
    return (
      <div role="status" className="space-y-3">
        <p className="text-sm text-emerald-800">You already have access to this offering.</p>
        <ButtonLink href="/dashboard/billing" variant="secondary">
          Go to your billing dashboard
        </ButtonLink>
      </div>
    );
  }
  if (state.stripe) {
    return (
      <EmbeddedCheckoutProvider
        stripe={state.stripe}
        options={{ clientSecret: state.clientSecret }}
      >
        <EmbeddedCheckout />
      </EmbeddedCheckoutProvider>
    );
  }
  if (!sandboxUrl)
    return (
      <p role="alert" className="text-sm text-rose-800">
        Card payments are not configured on this server.
      </p>
    );
  return (
    <div className="space-y-2">
      {completing ? (
        <p role="status" className="text-sm text-emerald-800">
          Payment received, finishing up…
        </p>
      ) : null}
      <iframe
        title="Secure checkout"
        src={`${sandboxUrl}/embedded?client_secret=${encodeURIComponent(state.clientSecret)}`}
        className="h-[640px] w-full rounded-md border border-slate-200 bg-white"
      />
      <p className="text-xs text-slate-500">
        Stripe sandbox: no real money moves. Test card 4242 4242 4242 4242.
      </p>
    </div>
  );
}
