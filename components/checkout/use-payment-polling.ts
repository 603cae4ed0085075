"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const POLL_MS = 1500;
const MAX_POLLS = 80;

/**
 * Asks `load` at once, then every 1.5 s while the answer's status is "pending" (about two
 * minutes at most). Once settled, re-renders the page's server parts (purchases, access).
 * `load` must be stable (useCallback): a new function starts nothing over, it is only called.
 */
export function usePaymentPolling<T extends { status: string }>(load: () => Promise<T>) {
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [polls, setPolls] = useState(0);
  const router = useRouter();
  const settled = result !== null && result.status !== "pending";

  useEffect(() => {
    if (settled) router.refresh();
  }, [settled, router]);

  useEffect(() => {
    if (settled || polls >= MAX_POLLS) return;
    const timer = setTimeout(
      async () => {
        try {
          setResult(await load());
          setError(null);
        } catch (caught) {
          setError((caught as Error).message);
        }
        setPolls((count) => count + 1);
      },
      polls === 0 ? 0 : POLL_MS,
    );
    return () => clearTimeout(timer);
  }, [settled, polls, load]);

  return { result, error, polls, gaveUp: !settled && polls >= MAX_POLLS };
}
