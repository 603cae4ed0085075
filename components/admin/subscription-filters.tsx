import { subscriptionStatusLabel } from "@/components/billing/subscription-text";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";

type Props = {
  statuses: readonly SubscriptionStatus[];
  offerings: Array<{ id: string; name: string }>;
  current: { status?: SubscriptionStatus; email?: string; offeringId?: string };
};

/** The admin list's filters, sent as a plain GET form so every filtered view has a URL. */
export function SubscriptionFilters({ statuses, offerings, current }: Props) {
  return (
    <form
      method="get"
      action="/admin/subscriptions"
      role="search"
      aria-label="Filter subscriptions"
      className="mb-4 grid gap-3 sm:grid-cols-[repeat(3,minmax(0,1fr))_auto] sm:items-end"
    >
      <SelectField label="Status" name="status" defaultValue={current.status ?? ""}>
        <option value="">All statuses</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {subscriptionStatusLabel(status)}
          </option>
        ))}
      </SelectField>
      <Field
        label="User email"
        name="email"
        type="search"
        placeholder="contains…"
        defaultValue={current.email ?? ""}
      />
      <SelectField label="Offering" name="offeringId" defaultValue={current.offeringId ?? ""}>
        <option value="">All offerings</option>
        {offerings.map((offering) => (
          <option key={offering.id} value={offering.id}>
            {offering.name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
