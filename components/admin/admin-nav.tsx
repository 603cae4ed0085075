"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  {
    href: "/admin",
    label: "Dashboard",
    matches: (path: string) => path === "/admin",
  },
  {
    href: "/admin/offerings",
    label: "Offerings",
    matches: (path: string) => path.startsWith("/admin/offerings"),
  },
  {
    href: "/admin/communities",
    label: "Communities",
    matches: (path: string) => path.startsWith("/admin/communities"),
  },
  {
    href: "/admin/discounts",
    label: "Discounts",
    matches: (path: string) => path.startsWith("/admin/discounts"),
  },
  {
    href: "/admin/purchases",
    label: "Purchases",
    matches: (path: string) => path.startsWith("/admin/purchases"),
  },
  {
    href: "/admin/subscriptions",
    label: "Subscriptions",
    matches: (path: string) => path.startsWith("/admin/subscriptions"),
  },
  {
    href: "/admin/events",
    label: "Events",
    matches: (path: string) => path.startsWith("/admin/events"),
  },
  {
    href: "/admin/webhooks",
    label: "Webhooks",
    matches: (path: string) => path.startsWith("/admin/webhooks"),
  },
  {
    href: "/admin/commissions",
    label: "Commissions",
    matches: (path: string) => path.startsWith("/admin/commissions"),
  },
  {
    href: "/admin/audit",
    label: "Audit log",
    matches: (path: string) => path.startsWith("/admin/audit"),
  },
  {
    href: "/admin/emails",
    label: "Emails",
    matches: (path: string) => path.startsWith("/admin/emails"),
  },
  {
    href: "/admin/settings",
    label: "Settings",
    matches: (path: string) => path.startsWith("/admin/settings"),
  },
];

/** The admin sections; the current one is marked for people and assistive technology. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="mb-8 flex flex-wrap gap-1 border-b border-slate-200 text-sm">
      {links.map((link) => {
        const current = link.matches(pathname);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 font-medium ${
              current
                ? "border-indigo-600 text-indigo-700"
                : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
