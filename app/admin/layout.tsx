import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { AdminSearchBox } from "@/components/admin/admin-search-box";
import { requireAdminPage } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" } };

/** Admins only; each page below checks again, since layouts and pages render independently. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdminPage("/admin");
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Admin panel</p>
        <AdminSearchBox />
      </div>
      <AdminNav />
      {children}
    </div>
  );
}
