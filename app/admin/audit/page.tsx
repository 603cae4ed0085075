import type { Metadata } from "next";
import { AuditFilter } from "@/components/admin/audit-filter";
import { AuditTable } from "@/components/admin/audit-table";
import { KeysetPagination } from "@/components/admin/keyset-pagination";
import { PageTitle } from "@/components/ui/card";
import { listAuditEntries } from "@/lib/admin/list-audit-entries";
import { auditQuery } from "@/lib/admin/schemas";
import { requireAdminPage } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminAuditPage({ searchParams }: Props) {
  await requireAdminPage("/admin/audit");
  const query = auditQuery.parse(await searchParams);
  const result = await listAuditEntries({ ...query, pageSize: 50 });
  return (
    <>
      <PageTitle description="Who changed what in the admin panel: refunds, secrets, archiving, access and settings.">
        Audit log
      </PageTitle>
      <AuditFilter actions={result.actions} current={query.action} />
      <AuditTable entries={result.items} />
      <KeysetPagination
        basePath={query.action ? `/admin/audit?action=${query.action}&` : "/admin/audit?"}
        next={result.next}
        previous={result.previous}
        total={result.total}
      />
    </>
  );
}
