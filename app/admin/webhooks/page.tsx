import { createEndpointAction } from "@/app/admin/webhooks/actions";
import type { Metadata } from "next";
import { FlashToast } from "@/components/admin/flash-toast";
import { EndpointForm } from "@/components/admin/webhooks/endpoint-form";
import { EndpointsTable } from "@/components/admin/webhooks/endpoints-table";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listEndpoints } from "@/lib/notifications/webhooks/list-endpoints";

export const metadata: Metadata = { title: "Webhooks" };

type Props = { searchParams: Promise<{ deleted?: string | string[] }> };

export default async function AdminWebhooksPage({ searchParams }: Props) {
  await requireAdminPage("/admin/webhooks");
  const [endpoints, { deleted }] = await Promise.all([listEndpoints(), searchParams]);
  return (
    <div className="space-y-10">
      <section>
        <PageTitle description="Your own systems (a Discord bot, a course platform, a CRM) learn of every purchase, access change and subscription event: each is POSTed to these endpoints, signed the Standard Webhooks way, and retried for over a day.">
          Webhooks
        </PageTitle>
        {deleted === "1" ? (
          <p
            role="status"
            className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
          >
            Endpoint deleted.
            <FlashToast message="Endpoint deleted." />
          </p>
        ) : null}
        {endpoints.length === 0 ? (
          <p className="text-sm text-slate-600">No endpoints yet. Add the first one below.</p>
        ) : (
          <EndpointsTable endpoints={endpoints} />
        )}
      </section>
      <Card>
        <h2 className="mb-4 text-lg font-semibold">New endpoint</h2>
        <EndpointForm action={createEndpointAction} />
      </Card>
    </div>
  );
}
