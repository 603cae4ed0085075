import type { Metadata } from "next";
import {
  approveCommissionAction,
  markCommissionsPaidAction,
} from "@/app/admin/commissions/actions";
import { CommissionChanges } from "@/components/admin/commission-changes";
import { CommissionFilters } from "@/components/admin/commission-filters";
import { CommissionsTable } from "@/components/admin/commissions-table";
import { ExportLinks } from "@/components/admin/export-links";
import { HeldCommissions } from "@/components/admin/held-commissions";
import { MarkPaidForm } from "@/components/admin/mark-paid-form";
import { KeysetPagination } from "@/components/admin/keyset-pagination";
import { CommissionTotals } from "@/components/commissions/commission-totals";
import { PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listCommissionChanges } from "@/lib/commissions/list-commission-changes";
import { listCommissionsForAdmin } from "@/lib/commissions/list-commissions-for-admin";
import { listHeldCommissions } from "@/lib/commissions/list-held-commissions";
import { adminCommissionQuery } from "@/lib/commissions/schemas";

export const metadata: Metadata = { title: "Commissions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminCommissionsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/commissions");
  const query = adminCommissionQuery.parse(await searchParams);
  const [ledger, changes, held] = await Promise.all([
    listCommissionsForAdmin(query),
    listCommissionChanges(),
    listHeldCommissions(),
  ]);
  const filters = new URLSearchParams();
  for (const key of ["status", "referrer", "from", "to"] as const) {
    const value = query[key];
    if (value) filters.set(key, value);
  }
  const exportHref = (type: "entries" | "payouts") =>
    `/api/admin/exports/commissions?type=${type}${filters.size > 0 ? `&${filters}` : ""}`;

  return (
    <div className="space-y-8">
      <PageTitle description="Every referrer's commission entries. Earned entries (pending past the hold period) can be marked paid.">
        Commissions
      </PageTitle>
      <CommissionFilters current={query} />
      <section aria-labelledby="totals-heading" className="space-y-3">
        <h2 id="totals-heading" className="text-lg font-semibold">
          Totals for these filters
        </h2>
        <CommissionTotals totals={ledger.totals} caption="Filtered commissions per currency" />
        <ExportLinks
          links={[
            { href: exportHref("entries"), label: "Export entries (CSV)" },
            { href: exportHref("payouts"), label: "Export payouts (CSV)" },
          ]}
        />
      </section>
      <section aria-labelledby="held-heading" className="space-y-3">
        <h2 id="held-heading" className="text-lg font-semibold">
          Held for review
        </h2>
        <HeldCommissions
          entries={held.items}
          total={held.total}
          approveAction={approveCommissionAction}
        />
      </section>
      <section aria-labelledby="entries-heading" className="space-y-3">
        <h2 id="entries-heading" className="text-lg font-semibold">
          Entries
        </h2>
        <MarkPaidForm action={markCommissionsPaidAction}>
          <CommissionsTable entries={ledger.items} />
        </MarkPaidForm>
        <KeysetPagination
          basePath={`/admin/commissions?${filters.size > 0 ? `${filters}&` : ""}`}
          next={ledger.next}
          previous={ledger.previous}
          total={ledger.total}
        />
      </section>
      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading" className="text-lg font-semibold">
          Recent changes
        </h2>
        <CommissionChanges changes={changes} />
      </section>
    </div>
  );
}
