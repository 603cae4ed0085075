import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { AdminPurchaseQuery } from "@/lib/admin/schemas";

type Props = {
  statuses: readonly string[];
  offerings: Array<{ id: string; name: string }>;
  current: Pick<AdminPurchaseQuery, "status" | "email" | "offeringId">;
};

/** The purchases list's filters, sent as a plain GET form so every filtered view has a URL. */
export function PurchaseFilters({ statuses, offerings, current }: Props) {
  return (
    <form
      method="get"
      action="/admin/purchases"
      role="search"
      aria-label="Filter purchases"
      className="mb-4 grid gap-3 sm:grid-cols-[repeat(3,minmax(0,1fr))_auto] sm:items-end"
    >
      <SelectField label="Status" name="status" defaultValue={current.status ?? ""}>
        <option value="">All statuses</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {status.toLowerCase()}
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
