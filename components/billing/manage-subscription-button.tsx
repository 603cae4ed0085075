"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { readApiError } from "@/components/checkout/read-api-error";

type Props = {
  /** "link" sits inside a sentence (the failed-payment banner); "button" stands alone. */
  appearance?: "button" | "link";
  children?: ReactNode;
};

/** Opens Stripe's billing portal: asks our server for a portal session, then goes there. */
export function ManageSubscriptionButton({
  appearance = "button",
  children = "Manage subscription",
}: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function openPortal() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/billing/portal", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({}),
      });
      if (!response.ok) throw new Error(await readApiError(response));
      const { url } = (await response.json()) as { url?: string };
      if (!url)
        throw new Error("The billing portal did not answer with a link. Try again in a moment.");
      window.location.assign(url);
    } catch (caught) {
      setError((caught as Error).message);
      setPending(false);
    }
  }

  const message = error ? (
    <span role="alert" className="block text-xs text-rose-700">
      {error}
    </span>
  ) : null;

  if (appearance === "link") {
    return (
      <>
        <button
          type="button"
          onClick={openPortal}
          disabled={pending}
          aria-busy={pending}
          className="font-semibold underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait"
        >
          {children}
        </button>
        {pending ? <span className="ml-1 text-xs">(opening…)</span> : null}
        {message}
      </>
    );
  }
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        variant="secondary"
        onClick={openPortal}
        disabled={pending}
        aria-busy={pending}
      >
        {pending ? "Opening the billing portal…" : children}
      </Button>
      {message}
    </span>
  );
}
