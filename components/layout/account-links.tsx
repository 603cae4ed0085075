"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

type Account = { email: string; role: "USER" | "ADMIN" };

/**
 * The header's links that depend on who is signed in. Pages such as the catalog are cached and
 * the same for every visitor, so the browser asks GET /api/me: on load, and after each
 * navigation, since signing in or out ends in one. `signOut` is the sign-out server action.
 */
export function AccountLinks({ signOut }: { signOut: () => Promise<void> }) {
  const pathname = usePathname();
  // undefined until the first answer: nothing is shown rather than the wrong links.
  const [account, setAccount] = useState<Account | null>();

  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/me", { cache: "no-store", signal: controller.signal })
      .then((response) => (response.ok ? response.json() : { user: null }))
      .then((body: { user: Account | null }) => setAccount(body.user))
      .catch(() => {
        if (!controller.signal.aborted) setAccount(null);
      });
    return () => controller.abort();
  }, [pathname]);

  // The action redirects (rejecting this promise, which Next turns into the navigation), possibly
  // to the page already open, so the links are cleared here rather than on the next path.
  async function signOutHere() {
    try {
      await signOut();
    } finally {
      setAccount(null);
    }
  }

  if (account === undefined) return null;
  return (
    <>
      {account ? <Link href="/dashboard/billing">Billing</Link> : null}
      {account ? <Link href="/dashboard/referrals">Referrals</Link> : null}
      {account?.role === "ADMIN" ? <Link href="/admin">Admin</Link> : null}
      <span className="ml-auto flex min-w-0 items-center gap-4">
        {account ? (
          <>
            <Link
              href="/dashboard/account"
              title={account.email}
              className="min-w-0 max-w-[11rem] truncate text-slate-500 sm:max-w-xs"
              data-testid="signed-in-as"
            >
              {account.email}
            </Link>
            <form action={signOutHere}>
              <button
                type="submit"
                className="whitespace-nowrap text-slate-700 hover:text-slate-900"
              >
                Sign out
              </button>
            </form>
          </>
        ) : (
          <>
            <Link href="/signin">Sign in</Link>
            <Link href="/signup" className="font-semibold text-indigo-700">
              Sign up
            </Link>
          </>
        )}
      </span>
    </>
  );
}
