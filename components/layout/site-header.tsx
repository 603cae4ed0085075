import Link from "next/link";
import { currentUser } from "@/lib/auth/session";

/** `signOut` is the sign-out server action, handed down by the layout. */
export async function SiteHeader({ signOut }: { signOut: () => Promise<void> }) {
  const user = await currentUser().catch(() => null);
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3 text-sm"
        aria-label="Main"
      >
        <Link href="/offerings" className="font-bold text-indigo-700">
          Offerings
        </Link>
        {user ? <Link href="/dashboard/billing">Billing</Link> : null}
        {user?.role === "ADMIN" ? <Link href="/admin">Admin</Link> : null}
        <span className="ml-auto flex items-center gap-4">
          {user ? (
            <>
              <Link href="/dashboard/account" className="text-slate-500" data-testid="signed-in-as">
                {user.email}
              </Link>
              <form action={signOut}>
                <button type="submit" className="text-slate-700 hover:text-slate-900">
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
