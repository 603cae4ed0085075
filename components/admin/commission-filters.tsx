import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ledgerStatuses, ledgerStatusLabels } from "@/lib/commissions/ledger-status";
import type { CommissionFilters as Filters } from "@/lib/commissions/schemas";

/** The ledger's filters, sent as a plain GET form so every filtered view has a URL. */
export function CommissionFilters({ current }: { current: Filters }) {
  return (
    <form
      method="get"
      action="/admin/commissions"
      role="search"
      aria-label="Filter commissions"
      className="grid gap-3 sm:grid-cols-[repeat(4,minmax(0,1fr))_auto] sm:items-end"
    >
      <SelectField label="Status" name="status" defaultValue={current.status ?? ""}>
        <option value="">All statuses</option>
        {ledgerStatuses.map((status) => (
          <option key={status} value={status}>
            {ledgerStatusLabels[status]}
          </option>
        ))}
      </SelectField>
      <Field
        label="Referrer email"
        name="referrer"
        type="search"
        placeholder="contains…"
        defaultValue={current.referrer ?? ""}
      />
      <Field label="Created from" name="from" type="date" defaultValue={current.from ?? ""} />
      <Field label="Created to" name="to" type="date" defaultValue={current.to ?? ""} />
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
