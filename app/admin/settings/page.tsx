import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Settings" };

const sections = [
  {
    href: "/admin/settings/commissions",
    title: "Commissions",
    description: "Rates per referral level, and the hold period before an entry is earned.",
  },
  {
    href: "/admin/settings/integrations",
    title: "Integrations",
    description: "Stripe: the webhook signing secret and API keys.",
  },
];

export default async function AdminSettingsPage() {
  await requireAdminPage("/admin/settings");
  return (
    <>
      <PageTitle description="Settings that apply to the whole shop.">Settings</PageTitle>
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((section) => (
          <li key={section.href}>
            <Card className="h-full space-y-1">
              <Link href={section.href} className="font-semibold text-indigo-700 hover:underline">
                {section.title}
              </Link>
              <p className="text-sm text-slate-600">{section.description}</p>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
