import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/lib/format";

type SubscriptionsCardProps = {
  active: number;
  mrr: Array<{ currency: string; amount: number }>;
};

/** Subscriptions as they stand now, and monthly recurring revenue per currency. */
export function SubscriptionsCard({ active, mrr }: SubscriptionsCardProps) {
  return (
    <Card
      aria-labelledby="subscriptions-heading"
      className="space-y-2"
      data-testid="subscriptions-summary"
    >
      <h2 id="subscriptions-heading" className="text-sm font-semibold text-slate-600">
        Subscriptions now
      </h2>
      <p className="text-2xl font-bold">{active}</p>
      <p className="text-sm text-slate-600">active or trialing</p>
      <dl className="text-sm">
        <dt className="font-medium text-slate-700">MRR</dt>
        {mrr.length === 0 ? <dd className="text-slate-600">None yet</dd> : null}
        {mrr.map((row) => (
          <dd key={row.currency} data-currency={row.currency}>
            {formatMoney(row.amount, row.currency)}
          </dd>
        ))}
      </dl>
      <Link href="/admin/subscriptions" className="text-sm text-indigo-700 hover:underline">
        Open subscriptions
      </Link>
    </Card>
  );
}

/** Deliveries in the range that failed or matched nothing, each count linking to the events. */
export function ProblemEventsCard({ failed, unmatched }: { failed: number; unmatched: number }) {
  const rows = [
    {
      label: "Failed",
      count: failed,
      href: "/admin/events?outcome=FAILED",
      testId: "failed-events",
    },
    {
      label: "Unmatched",
      count: unmatched,
      href: "/admin/events?outcome=UNMATCHED",
      testId: "unmatched-events",
    },
  ];
  return (
    <Card aria-labelledby="events-heading" className="space-y-2">
      <h2 id="events-heading" className="text-sm font-semibold text-slate-600">
        Webhook events in this range
      </h2>
      <ul className="space-y-2">
        {rows.map((row) => (
          <li key={row.label} className="flex items-baseline justify-between gap-3">
            <span>
              <span className="text-2xl font-bold" data-testid={row.testId}>
                {row.count}
              </span>{" "}
              <span className="text-sm text-slate-600">{row.label.toLowerCase()}</span>
            </span>
            <Link href={row.href} className="text-sm text-indigo-700 hover:underline">
              View {row.label.toLowerCase()} events
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Where an admin goes to fetch what our database missed from Stripe. */
export function ReconcileCard() {
  return (
    <Card aria-labelledby="reconcile-heading" className="space-y-3">
      <h2 id="reconcile-heading" className="text-sm font-semibold text-slate-600">
        Missed events?
      </h2>
      <p className="text-sm text-slate-600">
        Compare Stripe with our records and apply what we missed. Safe to run at any time.
      </p>
      <ButtonLink href="/admin/reconcile" variant="secondary">
        Reconcile with Stripe
      </ButtonLink>
    </Card>
  );
}
