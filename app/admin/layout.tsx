import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireAdminPage } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" } };

/** Admins only; each page below checks again, since layouts and pages render independently. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdminPage("/admin");
  return (
    <div>
      <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Admin panel</p>
      <AdminNav />
      {children}
    </div>
  );
}
