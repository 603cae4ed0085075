import Link from "next/link";
import { AccountLinks } from "@/components/layout/account-links";

/**
 * The same for every visitor, so that pages can be cached whole (the catalog is); who is signed
 * in is asked by the browser (AccountLinks). `signOut` is the sign-out server action, handed down
 * by the layout.
 */
export function SiteHeader({ signOut }: { signOut: () => Promise<void> }) {
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
        <AccountLinks signOut={signOut} />
      </nav>
    </header>
  );
}
