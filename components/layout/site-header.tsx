import Link from "next/link";
import { currentUser } from "@/lib/auth/session";

/** `signOut` is the sign-out server action, handed down by the layout. */
export async function SiteHeader({ signOut }: { signOut: () => Promise<void> }) {
  const user = await currentUser().catch(() => null);
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* Wraps on narrow screens, and the email gives way first, so Sign out stays on screen. */}
      <nav
        className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm sm:gap-x-6"
        aria-label="Main"
      >
        <Link href="/offerings" className="font-bold text-indigo-700">
          Offerings
        </Link>
        {user ? <Link href="/dashboard/billing">Billing</Link> : null}
        {user ? <Link href="/dashboard/referrals">Referrals</Link> : null}
        {user?.role === "ADMIN" ? <Link href="/admin">Admin</Link> : null}
        <span className="ml-auto flex min-w-0 items-center gap-4">
          {user ? (
            <>
              <Link
                href="/dashboard/account"
                title={user.email}
                className="min-w-0 max-w-[11rem] truncate text-slate-500 sm:max-w-xs"
                data-testid="signed-in-as"
              >
                {user.email}
              </Link>
              <form action={signOut}>
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
      </nav>
    </header>
  );
}
