import Link from "next/link";
import { ReconcileForm } from "@/components/admin/reconcile-form";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { FormAction } from "@/lib/http/action-state";
import type { ReconcileRecord } from "@/lib/payments/stripe/reconcile";

type Props = {
  action: FormAction;
  /** The form's default day, YYYY-MM-DD. */
  defaultSince: string;
  /** One sentence on the daily schedule: when it runs, or why it is off. */
  schedule: string;
  records: ReconcileRecord[];
};

const kindLabel = (type: string) => type.replace(/^reconcile\./, "").replace(/_/g, " ");

/**
 * Reconciliation with Stripe: the button (a run since a chosen day) and what runs have fixed,
 * newest first, each linking to its event page. The page passes the server action down.
 */
export function ReconcilePanel({ action, defaultSince, schedule, records }: Props) {
  return (
    <div className="space-y-6">
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Reconcile with Stripe</h2>
        <p className="text-sm text-slate-600">
          Reads Stripe&apos;s completed Checkout Sessions, subscriptions, paid invoices and refunds
          since the day you pick, and applies whatever this database missed through the same code as
          the webhooks. Safe to run at any time, as often as you like: what is already in step is
          left alone. {schedule}
        </p>
        <ReconcileForm action={action} defaultSince={defaultSince} />
      </Card>
      <section aria-labelledby="reconcile-fixes-heading" className="space-y-3">
        <h2 id="reconcile-fixes-heading" className="text-lg font-semibold">
          What reconciliation fixed
        </h2>
        <ReconcileRecords records={records} />
      </section>
    </div>
  );
}

function ReconcileRecords({ records }: { records: ReconcileRecord[] }) {
  if (records.length === 0) {
    return <p className="text-sm text-slate-600">Nothing yet: no run has found anything missed.</p>;
  }
  return (
    <Table label="Reconciliation differences">
      <thead className="bg-slate-50">
        <tr>
          <Th>When</Th>
          <Th>Stripe object</Th>
          <Th>Outcome</Th>
          <Th>Purchase</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {records.map((record) => (
          <tr key={record.id} data-testid="reconcile-record-row">
            <Td>
              <span className="whitespace-nowrap">{formatDate(record.receivedAt)}</span>
            </Td>
            <Td>
              <Link
                href={`/admin/events/${record.id}`}
                className="font-mono text-xs text-indigo-700 hover:underline"
              >
                {record.providerEventId}
              </Link>
              <span className="block text-xs text-slate-500">{kindLabel(record.type)}</span>
            </Td>
            <Td>
              <StatusBadge status={record.outcome} />
              {record.error ? (
                <span className="block text-xs text-rose-700">
                  {record.error.replace(/_/g, " ")}
                </span>
              ) : null}
            </Td>
            <Td>
              <span className="font-mono text-xs">{record.purchaseId ?? "—"}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
