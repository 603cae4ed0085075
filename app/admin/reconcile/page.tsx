import type { Metadata } from "next";
import { reconcileAction } from "@/app/admin/reconcile/actions";
import { ReconcilePanel } from "@/components/admin/reconcile-panel";
import { PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listReconcileRecords } from "@/lib/payments/stripe/reconcile";
import {
  reconcileScheduleStatus,
  scheduledReconcileSince,
} from "@/lib/scheduler/reconcile-schedule-status";

export const metadata: Metadata = { title: "Reconcile with Stripe" };

export default async function AdminReconcilePage() {
  await requireAdminPage("/admin/reconcile");
  const records = await listReconcileRecords();
  const status = reconcileScheduleStatus();
  const schedule = status.on
    ? `It also runs by itself every day at 03:00 UTC for the last ${status.days} days.`
    : `No daily run here: ${status.reason}`;
  const defaultSince = scheduledReconcileSince();
  return (
    <>
      <PageTitle description="Did we miss any Stripe event while we were down?">
        Reconcile with Stripe
      </PageTitle>
      <ReconcilePanel
        action={reconcileAction}
        defaultSince={defaultSince}
        schedule={schedule}
        records={records}
      />
    </>
  );
}
